/** What the pages call a video: its name, or a placeholder that says it has none. */
export function videoName(video: { meta: { name?: string } }): string {
  return video.meta.name || 'Untitled video';
}
