// The shape of a `flamelens` subcommand, and the error type that becomes a one-line message and a non-zero exit.

export interface CliIo {
  /** Input for `-` arguments (bytes). */
  stdin: AsyncIterable<Uint8Array>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on Ctrl+C; long-running commands stop cleanly. */
  signal: AbortSignal;
}

export interface CliCommand {
  name: string;
  /** One line for `flamelens --help`. */
  summary: string;
  usage: string;
  /** Resolves to the exit code. Throw CliError for failures a user can act on. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** A failure with a message fit to print as is (`flamelens: <message>`). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
