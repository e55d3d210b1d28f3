/**
 * A detached, muted `<video>` on an object URL of a chosen file, for what the browser can read
 * from the file itself (its duration, a frame). `read` gets the element and `finish`; the first
 * `finish`, a media error or the time limit ends it with a value or null, and every end stops the
 * decoder and revokes the object URL.
 */
export function readFromFileVideo<T>(
  file: File,
  options: { preload: 'metadata' | 'auto'; timeoutMs: number },
  read: (video: HTMLVideoElement, finish: (value: T | null) => void) => void,
): Promise<T | null> {
  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = options.preload;
  return new Promise<T | null>((resolve) => {
    let isDone = false;
    const finish = (value: T | null) => {
      if (isDone) return;
      isDone = true;
      clearTimeout(timer);
      video.removeAttribute('src');
      video.load();
      URL.revokeObjectURL(url);
      resolve(value);
    };
    const timer = setTimeout(() => finish(null), options.timeoutMs);
    video.onerror = () => finish(null);
    read(video, finish);
    video.src = url;
  });
}
