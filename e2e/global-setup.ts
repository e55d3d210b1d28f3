import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { MEDIA, MEDIA_DIR } from './fixtures/ui-media';

/**
 * Test media, made once with ffmpeg into e2e/.media (git-ignored) and reused while present:
 * a 5 s clip, a ~30 MB clip (noise at a high bitrate does not compress) and a clip longer than
 * the default DEFAULT_MAX_DURATION_SECONDS (1 h) that is tiny (64×48 at 1 frame per second), and
 * a phone-like HEVC .mov.
 */

const RECIPES: Record<keyof typeof MEDIA, string[]> = {
  clip: ['-f', 'lavfi', '-i', 'testsrc2=duration=5:size=320x240:rate=25', '-pix_fmt', 'yuv420p', '-movflags', '+faststart'],
  big: [
    '-f', 'lavfi', '-i', 'testsrc2=duration=20:size=640x360:rate=25',
    '-vf', 'noise=alls=40:allf=t',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '12M', '-maxrate', '12M', '-bufsize', '4M',
    '-pix_fmt', 'yuv420p', '-movflags', '+faststart',
  ],
  long: ['-f', 'lavfi', '-i', 'testsrc2=duration=3700:size=64x48:rate=1', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart'],
  hevc: [
    '-f', 'lavfi', '-i', 'testsrc2=duration=4:size=640x360:rate=30',
    '-f', 'lavfi', '-i', 'sine=frequency=440:duration=4',
    '-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=error', '-tag:v', 'hvc1', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-shortest', '-f', 'mov',
  ],
};

export default function globalSetup(): void {
  fs.mkdirSync(MEDIA_DIR, { recursive: true });
  for (const [key, args] of Object.entries(RECIPES) as [keyof typeof MEDIA, string[]][]) {
    const target = MEDIA[key];
    if (fs.existsSync(target) && fs.statSync(target).size > 0) continue;
    const partial = `${target}.partial.mp4`;
    try {
      execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, partial], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      throw new Error(`Making the test video ${key} with ffmpeg failed (is ffmpeg installed? scripts/ensure-system.sh): ${String(error)}`);
    }
    fs.renameSync(partial, target);
  }
}
