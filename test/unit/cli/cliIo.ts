// An in-memory CliIo for running `main()` in tests: captures stdout and stderr.

import { Writable, Readable } from 'node:stream';
import { CliIo } from '../../../src/cli/command';
import { main } from '../../../src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

function sink(chunks: Buffer[], isTTY: boolean): Writable {
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  });
  (stream as Writable & { isTTY?: boolean }).isTTY = isTTY;
  return stream;
}

export async function runCli(argv: string[], options: { cwd: string; ttyStdout?: boolean; signal?: AbortSignal }): Promise<CliRun> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const io: CliIo = {
    stdin: Readable.from([]),
    stdout: sink(out, options.ttyStdout ?? false),
    stderr: sink(err, false),
    env: {},
    cwd: options.cwd,
    signal: options.signal ?? new AbortController().signal,
  };
  const code = await main(argv, io);
  const stdoutBytes = Buffer.concat(out);
  return { code, stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr: Buffer.concat(err).toString('utf8') };
}
