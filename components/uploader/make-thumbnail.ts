import { readFromFileVideo } from './file-video';

/**
 * A small frame of a chosen video, made in the browser from the file itself: a muted
 * `<video>` on an object URL seeks to a frame, which is drawn to a canvas. null when the
 * browser cannot decode the file (HEVC in Chromium, random bytes) or takes too long; the item
 * shows an icon then. The object URL is revoked in every case.
 */

const WIDTH = 160;
const HEIGHT = 90;

export function makeThumbnail(file: File, timeoutMs = 8000): Promise<string | null> {
  if (typeof document === 'undefined') return Promise.resolve(null);
  return readFromFileVideo<string>(file, { preload: 'auto', timeoutMs }, (video, finish) => {
    video.onloadeddata = () => {
      // A frame a little way in (the first is often black), never past the end.
      const duration = Number.isFinite(video.duration) ? video.duration : 0;
      const at = Math.min(1, duration / 10);
      if (at > 0) video.currentTime = at;
      else draw();
    };
    video.onseeked = () => draw();
    function draw() {
      try {
        const { videoWidth, videoHeight } = video;
        if (!videoWidth || !videoHeight) return finish(null);
        // Fit inside 160×90, keeping the aspect ratio.
        const scale = Math.min(WIDTH / videoWidth, HEIGHT / videoHeight);
        const canvas = document.createElement('canvas');
        canvas.width = Math.max(1, Math.round(videoWidth * scale));
        canvas.height = Math.max(1, Math.round(videoHeight * scale));
        const context = canvas.getContext('2d');
        if (!context) return finish(null);
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        finish(canvas.toDataURL('image/jpeg', 0.7));
      } catch {
        finish(null);
      }
    }
  });
}
