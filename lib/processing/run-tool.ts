import { type SpawnedResult, spawnFromHelper } from './tool-spawner';

/**
 * Runs ffprobe/ffmpeg with a time limit; output is captured up to a bound. Never throws for exit
 * codes. The program is started by the tool helper process (tool-spawner.ts), not by this one.
 */

export type ToolResult = SpawnedResult;

const MAX_OUTPUT = 4 * 1024 * 1024;

export function runTool(command: string, args: string[], timeoutMs: number): Promise<ToolResult> {
  return spawnFromHelper({ command, args, timeoutMs, maxOutput: MAX_OUTPUT });
}

/** The last meaningful line of a tool's error output, for messages. */
export function lastLine(text: string): string {
  return text.trim().split('\n').filter(Boolean).at(-1)?.slice(0, 300) ?? '';
}
