'use client';

import type HlsType from 'hls.js';
import { useEffect, useRef, useState } from 'react';
import {
  describeHttpStatus,
  describeMediaError,
  describeStreamError,
  NO_HLS_SUPPORT,
  PLAYER_LOAD_FAILED,
  type PlayerStatus,
  waitingMessage,
} from './player-state';
import type { PlayerOptions } from '@/lib/universal/read-player-options';
import './video-player.css';

/**
 * The one player of the app (/videos/{uid}, the admin's review, the watch and iframe pages).
 * It plays the video's HLS stream: with hls.js where the browser has Media Source Extensions
 * (Chromium, Firefox, desktop Safari, iOS 17.1+ with ManagedMediaSource: hls.js is preferred
 * where both work, so every browser runs the same adaptive logic), and with the browser's own
 * HLS where it has no MSE (older iOS Safari). hls.js is loaded only when a stream is attached.
 *
 * Until the video is ready to stream it shows why ("Still encoding: N %") with no play
 * button; the page refreshes `status`, and the stream attaches as soon as it is ready. A stream
 * that cannot play says why, and the controls go away.
 */

type Props = {
  /** The HLS master playlist (relative or absolute). */
  src: string;
  /** Shown before playback, once the video is ready (the thumbnail route answers only then). */
  poster?: string;
  status: PlayerStatus;
  /** A cancelled or expired upload: nothing will ever play. */
  isGone?: boolean;
  /** The video's size, to keep the box's shape before anything loads. */
  width?: number;
  height?: number;
  /** The iframe page's query parameters (Cloudflare's); the app's pages use the defaults. */
  options?: Partial<PlayerOptions>;
  /** Fills its container (the iframe page) instead of the page's width. */
  fill?: boolean;
};

type MediaSourceWindow = Window & { MediaSource?: unknown; ManagedMediaSource?: unknown; WebKitMediaSource?: unknown };

function hasMediaSource(): boolean {
  const w = window as MediaSourceWindow;
  return Boolean(w.MediaSource || w.ManagedMediaSource || w.WebKitMediaSource);
}

/** Native HLS failed with a bare MediaError: ask the manifest's status to say what went wrong. */
async function explainNativeFailure(src: string, code: number): Promise<string> {
  try {
    const response = await fetch(src, { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) return describeHttpStatus(response.status);
  } catch {
    // The request itself failed: the media error says enough.
  }
  return describeMediaError(code);
}

export function VideoPlayer({ src, poster, status, isGone, width, height, options = {}, fill }: Props) {
  const { autoPlay = false, muted = false, loop = false, controls = true, preload = 'metadata', startTime } = options;
  const videoRef = useRef<HTMLVideoElement>(null);
  const waiting = waitingMessage(status, { isGone });
  const isReady = waiting === null;
  const [failure, setFailure] = useState<{ src: string; message: string } | null>(null);
  const failed = failure !== null && failure.src === src ? failure.message : null;

  useEffect(() => {
    const video = videoRef.current;
    if (!isReady || !video) return;
    let cancelled = false;
    let hls: HlsType | null = null;
    let isNative = false;
    const fail = (message: string) => {
      if (!cancelled) setFailure({ src, message });
    };
    const onMediaError = () => {
      const code = video.error?.code;
      if (!code) return;
      if (isNative) void explainNativeFailure(src, code).then(fail);
      else fail(describeMediaError(code));
    };
    video.addEventListener('error', onMediaError);
    const seekToStart = () => {
      if (startTime && startTime > 0 && startTime < video.duration) video.currentTime = startTime;
    };
    video.addEventListener('loadedmetadata', seekToStart, { once: true });

    const attach = async () => {
      if (hasMediaSource()) {
        const { default: Hls } = await import('hls.js');
        if (cancelled) return;
        if (Hls.isSupported()) {
          const player = new Hls({ enableWorker: true, capLevelToPlayerSize: true });
          hls = player;
          let triedRecovery = false;
          player.on(Hls.Events.ERROR, (_event, data) => {
            if (!data.fatal) return;
            // A decoder hiccup is worth one recovery (hls.js's own advice) before giving up.
            if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !triedRecovery) {
              triedRecovery = true;
              player.recoverMediaError();
              return;
            }
            fail(describeStreamError({ type: data.type, details: data.details, responseCode: data.response?.code }));
            player.destroy();
            hls = null;
          });
          player.loadSource(src);
          player.attachMedia(video);
          return;
        }
      }
      if (video.canPlayType('application/vnd.apple.mpegurl')) {
        isNative = true;
        video.src = src;
        return;
      }
      fail(NO_HLS_SUPPORT);
    };
    attach().catch(() => fail(PLAYER_LOAD_FAILED));

    return () => {
      cancelled = true;
      video.removeEventListener('error', onMediaError);
      video.removeEventListener('loadedmetadata', seekToStart);
      const player = hls as HlsType | null;
      player?.destroy();
      if (isNative) {
        video.removeAttribute('src');
        video.load();
      }
    };
  }, [isReady, src, startTime]);

  const message = failed ?? waiting;
  const ratio = width && height && width > 0 && height > 0 ? `${width} / ${height}` : undefined;
  return (
    <div className={`video-player${fill ? ' video-player--fill' : ''}`} style={ratio && !fill ? { aspectRatio: ratio } : undefined} data-state={failed ? 'failed' : isReady ? 'ready' : 'waiting'}>
      <video
        ref={videoRef}
        className="video-player__video"
        aria-label="Video player"
        controls={controls && isReady && !failed}
        playsInline
        preload={preload}
        poster={isReady ? poster : undefined}
        autoPlay={autoPlay}
        muted={muted}
        loop={loop}
      />
      {message && (
        <div className="video-player__message" role={failed || status.state === 'error' ? 'alert' : 'status'}>
          <p>{message}</p>
        </div>
      )}
    </div>
  );
}
