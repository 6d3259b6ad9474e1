// The people the load generator plays: admins opening /admin (and approving), users uploading hats, visitors browsing.

import { drawHat, hatStyle } from '../shared/hatArt';
import type { LoadRecorder } from './recorder';

export interface LoadTarget {
  baseUrl: string;
  recorder: LoadRecorder;
  signal: AbortSignal;
}

/** One timed request; the latency covers the whole body, as a user waits for it. */
async function timed(t: LoadTarget, method: string, url: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: string }> {
  const started = performance.now();
  try {
    const res = await fetch(`${t.baseUrl}${url}`, { ...init, method, redirect: 'manual', signal: t.signal });
    const body = await res.text();
    t.recorder.record(method, path, performance.now() - started, res.status);
    return { status: res.status, body };
  } catch (err) {
    if (t.signal.aborted) throw err;
    t.recorder.record(method, path, performance.now() - started, 0);
    return { status: 0, body: '' };
  }
}

/** Opens the admin page; approves the oldest hat while more than `maxPending` wait, so the page stays a steady size. */
export async function adminVisit(t: LoadTarget, maxPending: number): Promise<void> {
  const page = await timed(t, 'GET', '/admin', '/admin');
  const pending = [...page.body.matchAll(/\/admin\/approve\/(\d+)/g)].map((m) => Number(m[1]));
  for (const id of pending.slice(0, Math.max(0, pending.length - maxPending))) {
    await timed(t, 'POST', `/admin/approve/${id}`, '/admin/approve/<id>');
  }
}

let uploads = 0;

export async function uploadHat(t: LoadTarget, pictures: Buffer[]): Promise<void> {
  const n = uploads++;
  const name = encodeURIComponent(`${hatStyle(n)} from the load generator #${n}`);
  await timed(t, 'POST', `/upload?name=${name}`, '/upload', {
    headers: { 'content-type': 'image/png' },
    body: new Uint8Array(pictures[n % pictures.length]),
  });
}

export async function browse(t: LoadTarget): Promise<void> {
  const page = await timed(t, 'GET', '/', '/');
  const first = /\/hats\/(\d+)\/image/.exec(page.body);
  if (first) await timed(t, 'GET', `/hats/${first[1]}/image`, '/hats/<id>/image');
}

/** A few distinct pictures, drawn once: uploading must not cost the load generator image work per request. */
export async function hatPictures(count = 6): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) out.push(await drawHat(100 + i));
  return out;
}
