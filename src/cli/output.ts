// Where a CLI command's result goes: a file (written whole, then renamed into place) or stdout.

import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { once } from 'node:events';
import { CliError, CliIo } from './command';

/**
 * Writes the chunks to `file` (relative to the CLI's cwd) or to stdout. A file is written
 * under a temporary name first, so a failed or cancelled run leaves no half-written output.
 */
export async function writeOutput(chunks: Iterable<string | Uint8Array>, file: string | undefined, io: CliIo): Promise<void> {
  if (!file) {
    for (const chunk of chunks) {
      if (!io.stdout.write(chunk)) await once(io.stdout, 'drain');
    }
    return;
  }
  const target = resolve(io.cwd, file);
  const temporary = `${target}.${process.pid}.partial`;
  const out = createWriteStream(temporary);
  try {
    await once(out, 'open');
    for (const chunk of chunks) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    await rename(temporary, target);
  } catch (err) {
    out.destroy();
    await rm(temporary, { force: true });
    throw new CliError(`cannot write ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** True when stdout is a terminal (binary output there is refused). */
export function stdoutIsTerminal(io: CliIo): boolean {
  return (io.stdout as NodeJS.WriteStream).isTTY === true;
}
