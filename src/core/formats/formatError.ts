// The errors a profile reader gives: a bad file (with a message a user can act on) and a cancelled read.

/** The input is not a profile we can read; the message says where and why, fit to show as is. */
export class ProfileFormatError extends Error {
  override readonly name = 'ProfileFormatError';
  constructor(message: string) {
    super(message);
  }
}

/** Reading stopped because the caller aborted it (e.g. the user cancelled the progress notification). */
export class ProfileReadCancelled extends Error {
  override readonly name = 'ProfileReadCancelled';
  constructor(what = 'reading the profile') {
    super(`${what} was cancelled`);
  }
}

/** A short, single-line excerpt of bad input for an error message. */
export function excerpt(text: string, max = 60): string {
  const line = text.replace(/[\r\n\t]+/g, ' ');
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** Why reading failed, in words a user can act on (file system codes spelled out). */
export function readFailureReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'no such file';
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  if (e?.code === 'EISDIR') return 'it is a folder';
  return e instanceof Error ? e.message : String(err);
}
