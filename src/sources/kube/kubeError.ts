// Turns what @kubernetes/client-node throws (HTTP Status objects, socket and TLS errors, aborts) into one error a user can act on.

export type KubeErrorKind =
  | 'config'
  | 'unreachable'
  | 'tls'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'timeout'
  | 'cancelled'
  | 'port-forward'
  | 'api';

export class KubeError extends Error {
  constructor(
    readonly kind: KubeErrorKind,
    message: string,
    /** HTTP status when the API server answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'KubeError';
  }
}

/** What was being attempted, so the message can name the missing permission or object. */
export interface KubeOperation {
  context: string;
  server: string;
  verb: 'get' | 'list' | 'create';
  /** Plural resource as RBAC names it: `secrets`, `pods`, `pods/portforward`. */
  resource: string;
  namespace?: string;
  name?: string;
}

/** A Kubernetes `Status` object (the body of every API error). */
export interface KubeStatus {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; kind?: string };
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'EPIPE']);
const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

export function describeTarget(op: Pick<KubeOperation, 'resource' | 'namespace' | 'name'>): string {
  const what = op.name ? `${singular(op.resource)} ${op.namespace ? `${op.namespace}/` : ''}${op.name}` : op.resource;
  return op.name || !op.namespace ? what : `${what} in namespace ${op.namespace}`;
}

/**
 * Classifies an error from an API call. `userSignal` tells a user's cancel apart from our own
 * deadline, which both surface as an abort.
 */
export function explainKubeError(err: unknown, op: KubeOperation, userSignal?: AbortSignal, timeoutMs?: number): KubeError {
  if (err instanceof KubeError) return err;
  const where = `context "${op.context}" (${op.server})`;
  const target = describeTarget(op);
  if (isAbort(err)) {
    if (userSignal?.aborted) return new KubeError('cancelled', `Cancelled while reading ${target} from ${where}.`);
    return new KubeError(
      'timeout',
      `The Kubernetes API server of ${where} did not answer within ${formatSeconds(timeoutMs ?? 0)} while reading ${target}. Check the network path to the cluster (VPN, proxy).`,
    );
  }
  const status = httpStatusOf(err);
  if (status !== undefined) {
    const body = statusBody(err);
    const detail = body?.message ? `: ${body.message}` : '';
    if (status === 401) {
      return new KubeError(
        'unauthorized',
        `The Kubernetes API server of ${where} refused the credentials (401 Unauthorized). Renew them (log in again or refresh the token in the kubeconfig) or choose another context.`,
        401,
      );
    }
    if (status === 403) {
      const scope = op.namespace ? ` in namespace "${op.namespace}"` : ' cluster-wide';
      return new KubeError(
        'forbidden',
        `RBAC forbids "${op.verb}" on "${op.resource}"${scope} for the user of ${where}${detail}. Ask a cluster admin for "${op.verb}" on "${op.resource}"${scope}.`,
        403,
      );
    }
    if (status === 404) {
      return new KubeError('not-found', `${capitalize(target)} not found in ${where}${detail ? ` (${body?.message})` : ''}.`, 404);
    }
    return new KubeError('api', `The Kubernetes API server of ${where} answered ${status} to "${op.verb}" ${target}${detail}.`, status);
  }
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code && TLS_CODES.has(code)) {
    return new KubeError(
      'tls',
      `TLS verification of the Kubernetes API server ${op.server} failed for context "${op.context}" (${code}): its certificate does not match the kubeconfig's certificate-authority or server name. Fix the cluster entry in the kubeconfig.`,
    );
  }
  if (code && NETWORK_CODES.has(code)) {
    return new KubeError(
      'unreachable',
      `Cannot reach the Kubernetes API server ${op.server} of context "${op.context}" (${code}). Is the cluster running and its address in the kubeconfig right?`,
    );
  }
  return new KubeError('api', `Reading ${target} from ${where} failed: ${message.split('\n')[0]}`);
}

export function isAbort(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { name?: string; type?: string; code?: string };
  return e.name === 'AbortError' || e.type === 'aborted' || e.code === 'ABORT_ERR';
}

function httpStatusOf(err: unknown): number | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const code = (err as { code?: unknown }).code;
  // client-node's ApiException carries the HTTP status as a numeric `code`; socket errors use strings.
  return typeof code === 'number' && code >= 100 && code < 600 ? code : undefined;
}

function statusBody(err: unknown): KubeStatus | undefined {
  const body = (err as { body?: unknown }).body;
  if (body && typeof body === 'object') return body as KubeStatus;
  if (typeof body === 'string' && body.trim().startsWith('{')) {
    try {
      return JSON.parse(body) as KubeStatus;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function errorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function singular(resource: string): string {
  const base = resource.split('/')[0] ?? resource;
  if (base === 'configmaps') return 'ConfigMap';
  return base.endsWith('s') ? base.slice(0, -1) : base;
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
