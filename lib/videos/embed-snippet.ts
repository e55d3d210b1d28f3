/**
 * Cloudflare's embed code (`GET /stream/{uid}/embed`): an HTML fragment with an iframe of
 * the video's player page (`/stream/{uid}/iframe`), responsive at 16:9.
 */
export function embedSnippet(baseUrl: string, uid: string): string {
  const src = `${baseUrl}/stream/${uid}/iframe`;
  return (
    `<div style="position: relative; padding-top: 56.25%;">` +
    `<iframe src="${src}" loading="lazy" style="border: none; position: absolute; top: 0; left: 0; height: 100%; width: 100%;" ` +
    `allow="accelerometer; gyroscope; autoplay; encrypted-media; picture-in-picture;" allowfullscreen="true"></iframe>` +
    `</div>`
  );
}
