// The one error type of the Pixie source: what went wrong talking to Vizier, worded for the user, never holding a secret.

export type VizierErrorKind =
  /** Server down, connection refused, TLS handshake failed. */
  | 'unavailable'
  /** API key refused or token expired/invalid. */
  | 'unauthenticated'
  /** The PxL script did not compile (compilerErrors holds every line:column). */
  | 'compile'
  /** Vizier reported another error in the response status. */
  | 'script'
  | 'timeout'
  | 'cancelled'
  /** The result stream broke off part-way. */
  | 'stream'
  /** Vizier sent something Flamelens cannot read (unknown table, wrong column type, ...). */
  | 'protocol'
  /** The script ran but returned nothing to show. */
  | 'empty';

export interface CompilerErrorDetail {
  line: number;
  column: number;
  message: string;
}

/** How much of a result had arrived when a call failed. */
export interface Received {
  batches: number;
  rows: number;
}

export class VizierError extends Error {
  override readonly name = 'VizierError';

  constructor(
    readonly kind: VizierErrorKind,
    message: string,
    readonly details: {
      /** gRPC / google.rpc status code, when the failure came with one. */
      code?: number;
      compilerErrors?: readonly CompilerErrorDetail[];
      received?: Received;
    } = {},
  ) {
    super(message);
  }

  get compilerErrors(): readonly CompilerErrorDetail[] {
    return this.details.compilerErrors ?? [];
  }
}

/** google.rpc.Code names, for messages. */
export const STATUS_CODE_NAMES: Record<number, string> = {
  0: 'OK',
  1: 'CANCELLED',
  2: 'UNKNOWN',
  3: 'INVALID_ARGUMENT',
  4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND',
  6: 'ALREADY_EXISTS',
  7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED',
  9: 'FAILED_PRECONDITION',
  10: 'ABORTED',
  11: 'OUT_OF_RANGE',
  12: 'UNIMPLEMENTED',
  13: 'INTERNAL',
  14: 'UNAVAILABLE',
  15: 'DATA_LOSS',
  16: 'UNAUTHENTICATED',
};

export function statusCodeName(code: number): string {
  return STATUS_CODE_NAMES[code] ?? `code ${code}`;
}

/**
 * Removes every secret (API key, token) from text that came from elsewhere (a server
 * message, a library error) before it goes into an error message.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

export function describeReceived(received: Received): string {
  if (received.batches === 0) return 'no data had arrived';
  return `${received.batches} batch${received.batches === 1 ? '' : 'es'} (${received.rows} row${received.rows === 1 ? '' : 's'}) had arrived`;
}
