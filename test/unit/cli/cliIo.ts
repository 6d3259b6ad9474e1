// An in-memory CliIo for running `main()` in tests: captures stdout and stderr, to read once the command ends or while it runs.

import { Readable, Writable } from 'node:stream';
import { CliIo } from '../../../src/cli/command';
import { main } from '../../../src/cli/main';

export interface CliOptions {
  /** Default: this process's working directory. */
  cwd?: string;
  /** The command's whole environment. Default: empty. */
  env?: NodeJS.ProcessEnv;
  ttyStdout?: boolean;
  /** Abort to play Ctrl+C. */
  signal?: AbortSignal;
}

export interface CliRun {
  code: number;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

/** The io and what has been written to it so far. */
export interface CliCapture {
  io: CliIo;
  stdout(): string;
  stdoutBytes(): Buffer;
  stderr(): string;
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

/** For a command that runs until stopped: pass `io` to `main()` and read its output while it runs. */
export function captureCli(options: CliOptions = {}): CliCapture {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const io: CliIo = {
    stdin: Readable.from([]),
    stdout: sink(out, options.ttyStdout ?? false),
    stderr: sink(err, false),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal ?? new AbortController().signal,
  };
  const stdoutBytes = () => Buffer.concat(out);
  return { io, stdout: () => stdoutBytes().toString('utf8'), stdoutBytes, stderr: () => Buffer.concat(err).toString('utf8') };
}

export async function runCli(argv: string[], options: CliOptions = {}): Promise<CliRun> {
  const capture = captureCli(options);
  const code = await main(argv, capture.io);
  return { code, stdout: capture.stdout(), stdoutBytes: capture.stdoutBytes(), stderr: capture.stderr() };
}
