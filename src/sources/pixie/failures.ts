// Words the ways an ExecuteScript/HealthCheck call can fail (gRPC errors, error statuses) as VizierErrors.

import { status as GrpcStatus } from '@grpc/grpc-js';
import { describeReceived, Received, redact, statusCodeName, VizierError } from './vizierError';
import { int64ToNumber, WireStatus } from './wire';

/** What the caller knew about the call when it failed. */
export interface CallContext {
  address: string;
  /** Which credential the endpoint sent, to say which one was refused. */
  credential: 'api-key' | 'bearer' | 'none';
  /** Values that must never appear in a message. */
  secrets: readonly string[];
  /** What the call ran, for messages (`flamelens/stack_traces`). */
  what: string;
  /** The caller's AbortSignal fired. */
  aborted: boolean;
  timeoutMs: number;
  /** Response messages received before the failure. */
  messages: number;
  received: Received;
}

interface GrpcLikeError {
  code?: number;
  details?: string;
  message?: string;
}

/** A gRPC call error (the call ended with a non-OK status) as a VizierError. */
export function fromGrpcError(err: GrpcLikeError, ctx: CallContext): VizierError {
  const code = typeof err.code === 'number' ? err.code : GrpcStatus.UNKNOWN;
  const detail = redact(cleanDetail(err.details || err.message || ''), ctx.secrets);
  const received = ctx.received;
  if (code === GrpcStatus.CANCELLED && ctx.aborted) {
    return new VizierError('cancelled', `${capitalized(ctx.what)} was cancelled.`, { code, received });
  }
  if (code === GrpcStatus.DEADLINE_EXCEEDED) {
    return new VizierError(
      'timeout',
      `Vizier at ${ctx.address} did not finish ${ctx.what} within ${formatSeconds(ctx.timeoutMs)} (${describeReceived(received)}). Try a shorter window or a narrower scope, or allow more time.`,
      { code, received },
    );
  }
  if (code === GrpcStatus.UNAUTHENTICATED || code === GrpcStatus.PERMISSION_DENIED || looksLikeAuthFailure(code, detail)) {
    return unauthenticated(code, detail, ctx);
  }
  if (ctx.messages > 0) {
    return new VizierError(
      'stream',
      `The result stream from Vizier at ${ctx.address} broke off after ${describeReceived(received)}: ${statusCodeName(code)}: ${detail || 'no reason given'}. Run it again; if it keeps failing, narrow the scope or the window.`,
      { code, received },
    );
  }
  if (code === GrpcStatus.UNAVAILABLE) {
    return new VizierError('unavailable', `Cannot reach Vizier at ${ctx.address}: ${detail || 'connection failed'}.${unavailableHint(detail)}`, {
      code,
      received,
    });
  }
  if (code === GrpcStatus.CANCELLED) {
    return new VizierError('stream', `Vizier at ${ctx.address} cancelled ${ctx.what} before sending any result: ${detail || 'no reason given'}.`, {
      code,
      received,
    });
  }
  if (code === GrpcStatus.UNIMPLEMENTED) {
    return new VizierError(
      'protocol',
      `The server at ${ctx.address} does not implement the Vizier API (${detail || 'UNIMPLEMENTED'}). Check the address: it must be Pixie Cloud, a Vizier query broker or the Flamelens local sampler.`,
      { code, received },
    );
  }
  return new VizierError('script', `Vizier at ${ctx.address} failed ${ctx.what}: ${statusCodeName(code)}: ${detail || 'no reason given'}.`, {
    code,
    received,
  });
}

/**
 * An error carried in a response's `status` (the call itself may still end OK). Compile
 * errors come as INVALID_ARGUMENT with one compiler_error per problem.
 */
export function fromResponseStatus(status: WireStatus, ctx: CallContext): VizierError {
  const message = redact(status.message ?? '', ctx.secrets);
  const compilerErrors = (status.error_details ?? [])
    .map((d) => d.compiler_error)
    .filter((e): e is NonNullable<typeof e> => !!e)
    .map((e) => ({ line: int64ToNumber(e.line), column: int64ToNumber(e.column), message: redact(e.message, ctx.secrets) }));
  if (compilerErrors.length > 0) {
    const list = compilerErrors.map((e) => `line ${e.line}:${e.column}: ${e.message}`).join('; ');
    return new VizierError('compile', `PxL compile error in ${ctx.what}: ${list}${message ? ` (${message})` : ''}`, {
      code: status.code,
      compilerErrors,
      received: ctx.received,
    });
  }
  if (status.code === GrpcStatus.UNAUTHENTICATED || status.code === GrpcStatus.PERMISSION_DENIED) {
    return unauthenticated(status.code, message, ctx);
  }
  if (status.code === GrpcStatus.INVALID_ARGUMENT) {
    return new VizierError('compile', `Vizier rejected ${ctx.what}: ${message || 'invalid argument'}.`, { code: status.code, received: ctx.received });
  }
  return new VizierError('script', `Vizier could not run ${ctx.what}: ${statusCodeName(status.code)}: ${message || 'no reason given'}.`, {
    code: status.code,
    received: ctx.received,
  });
}

function unauthenticated(code: number, detail: string, ctx: CallContext): VizierError {
  const expired = /expir|\bexp\b/i.test(detail);
  const reason = detail ? ` (${detail})` : '';
  let message: string;
  if (ctx.credential === 'api-key') {
    message = `Pixie refused the API key${reason}. Create a key in Pixie (Admin > API Keys, or 'px api-key create') and set it again (editor: 'Flamelens: Set Pixie API Key'; CLI: --api-key-env VAR).`;
  } else if (ctx.credential === 'bearer' && expired) {
    message = `The Vizier query broker at ${ctx.address} refused the token: it has expired${reason}. Flamelens signs a fresh short-lived token per request, so check that this machine's clock is right, then retry.`;
  } else if (ctx.credential === 'bearer') {
    message = `The Vizier query broker at ${ctx.address} refused the token${reason}. The cluster's jwt-signing-key (secret pl-cluster-secrets) may have changed: select the cluster again.`;
  } else {
    message = `Vizier at ${ctx.address} requires credentials${reason}: use Pixie Cloud with an API key, or direct mode through the kubeconfig.`;
  }
  return new VizierError('unauthenticated', message, { code, received: ctx.received });
}

/** Pixie's servers answer a failing auth middleware with INTERNAL "Auth middleware failed: ...". */
function looksLikeAuthFailure(code: number, detail: string): boolean {
  return code === GrpcStatus.INTERNAL && /auth middleware failed|invalid api key|unauthenticated/i.test(detail);
}

function cleanDetail(detail: string): string {
  // grpc-js wraps connection failures: "No connection established. Last error: Error: connect
  // ECONNREFUSED 127.0.0.1:1. Resolution note: ..." (sometimes with a timestamp).
  let text = detail.replace(/\s+/g, ' ').trim();
  const last = /Last error: (.*)$/.exec(text);
  if (last) text = last[1];
  text = text.replace(/\.? Resolution note:.*$/, '').replace(/ \(\d{4}-\d\d-\d\dT[^)]*\)/, '').replace(/^Error: /, '');
  // OpenSSL: "80EC..:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../ssl3_record.c:350:"
  const ssl = /error:[0-9A-F]+:SSL routines:[^:]*:([^:]+)/.exec(text);
  if (ssl) text = `TLS error: ${ssl[1]}`;
  return text.replace(/[.:\s]+$/, '');
}

function unavailableHint(detail: string): string {
  if (/certificate|self[- ]signed|SSL|TLS|handshake|wrong version|alert/i.test(detail)) {
    return ' The TLS handshake failed: give the server\'s CA certificate (setting flamelens.pixie.caFile; CLI: --ca FILE), or use --insecure for a plaintext loopback server.';
  }
  return ' Check the address, and that the server (or the port-forward to it) is running.';
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
