// Runs the load: each actor in its own loop with think time, until the duration ends or the signal aborts.

import { adminVisit, browse, hatPictures, LoadTarget, uploadHat } from './actors';
import { LoadRecorder } from './recorder';

export interface LoadOptions {
  /** The frontend's public URL, e.g. http://127.0.0.1:31080. */
  baseUrl: string;
  durationMs?: number;
  signal?: AbortSignal;
  /** Think time after each admin page load (default 2 s). */
  adminPauseMs?: number;
  /** Time between uploads (default 6 s). */
  uploadPauseMs?: number;
  /** Time between visitor page views (default 1 s). */
  visitorPauseMs?: number;
  /** Pending hats the admin leaves waiting (default 4): the admin page renders this many previews plus new uploads. */
  maxPending?: number;
  recorder?: LoadRecorder;
}

export async function runLoad(options: LoadOptions): Promise<LoadRecorder> {
  const recorder = options.recorder ?? new LoadRecorder();
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  if (options.signal?.aborted) stop();
  const timer = options.durationMs !== undefined ? setTimeout(stop, options.durationMs) : undefined;
  const target: LoadTarget = { baseUrl: options.baseUrl.replace(/\/$/, ''), recorder, signal: controller.signal };
  const pictures = await hatPictures();
  const loop = async (pauseMs: number, act: () => Promise<void>): Promise<void> => {
    while (!controller.signal.aborted) {
      try {
        await act();
      } catch {
        // Aborted mid-request: the loop ends below.
      }
      await pause(pauseMs, controller.signal);
    }
  };
  await Promise.all([
    loop(options.adminPauseMs ?? 2000, () => adminVisit(target, options.maxPending ?? 4)),
    loop(options.uploadPauseMs ?? 6000, () => uploadHat(target, pictures)),
    loop(options.visitorPauseMs ?? 1000, () => browse(target)),
  ]);
  if (timer) clearTimeout(timer);
  options.signal?.removeEventListener('abort', stop);
  return recorder;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
