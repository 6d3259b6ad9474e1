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
  /** Ends after this many admin page loads (the same work however busy the machine is), if given. */
  adminVisits?: number;
  recorder?: LoadRecorder;
}

export async function runLoad(options: LoadOptions): Promise<LoadRecorder> {
  const recorder = options.recorder ?? new LoadRecorder();
  // Two ways to end: the signal cuts requests short; the duration lets the ones in flight finish,
  // so every request the recorder saw completed on both sides.
  const cut = new AbortController();
  const finish = new AbortController();
  const stop = (): void => {
    cut.abort();
    finish.abort();
  };
  options.signal?.addEventListener('abort', stop, { once: true });
  if (options.signal?.aborted) stop();
  const timer = options.durationMs !== undefined ? setTimeout(() => finish.abort(), options.durationMs) : undefined;
  const target: LoadTarget = { baseUrl: options.baseUrl.replace(/\/$/, ''), recorder, signal: cut.signal };
  const pictures = await hatPictures();
  let adminVisits = 0;
  const loop = async (pauseMs: number, act: () => Promise<void>): Promise<void> => {
    while (!finish.signal.aborted) {
      try {
        await act();
      } catch {
        // Cut mid-request: the loop ends below.
      }
      await pause(pauseMs, finish.signal);
    }
  };
  await Promise.all([
    loop(options.adminPauseMs ?? 2000, async () => {
      await adminVisit(target, options.maxPending ?? 4);
      if (options.adminVisits !== undefined && ++adminVisits >= options.adminVisits) finish.abort();
    }),
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
