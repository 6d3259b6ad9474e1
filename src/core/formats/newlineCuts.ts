// Cuts a file into byte ranges that each start at the beginning of a line, to read them in parallel.

import { open } from 'node:fs/promises';

const NEWLINE = 10;
const WINDOW_BYTES = 64 * 1024;
/** A line longer than this at a cut point is not worth chasing: the file is then cut in fewer parts. */
const MAX_SEARCH_BYTES = 16 * 2 ** 20;

/**
 * The offsets `[0, c1, …, size]` of up to `parts` ranges of about equal size; every cut
 * sits just after a newline, so no line is split (a `\n` byte never occurs inside a
 * UTF-8 character, nor unescaped inside a JSON string).
 */
export async function newlineCuts(path: string, size: number, parts: number): Promise<number[]> {
  const cuts = [0];
  const handle = await open(path, 'r');
  try {
    const window = Buffer.allocUnsafe(WINDOW_BYTES);
    for (let i = 1; i < parts; i++) {
      const from = Math.max(Math.floor((size * i) / parts), cuts[cuts.length - 1]);
      const cut = await nextLineStart(handle, window, from, size);
      if (cut < 0) break;
      if (cut > cuts[cuts.length - 1]) cuts.push(cut);
    }
  } finally {
    await handle.close();
  }
  cuts.push(size);
  return cuts;
}

/** The offset just after the first newline at or after `from`; -1 when there is none (or only the file's last byte). */
async function nextLineStart(handle: Awaited<ReturnType<typeof open>>, window: Buffer, from: number, size: number): Promise<number> {
  for (let at = from; at < size && at - from < MAX_SEARCH_BYTES; ) {
    const { bytesRead } = await handle.read(window, 0, Math.min(window.length, size - at), at);
    if (bytesRead === 0) return -1;
    const newline = window.subarray(0, bytesRead).indexOf(NEWLINE);
    if (newline >= 0) return at + newline + 1 < size ? at + newline + 1 : -1;
    at += bytesRead;
  }
  return -1;
}
