// Direct mode: kubeconfig -> Pixie's secret -> port-forward to the query broker -> a VizierEndpoint with a fresh JWT on every call.

import { connect as tlsConnect } from 'node:tls';
import type { VizierEndpoint } from '../pixie/endpoint';
import { ClusterApi } from './clusterApi';
import { KubeError } from './kubeError';
import { KubeTarget, openContext } from './kubeconfig';
import {
  PIXIE_NAMESPACE,
  QUERY_BROKER_PORT,
  QUERY_BROKER_SERVER_NAME,
  QUERY_BROKER_SERVICE,
  readPixieCredentials,
  readServiceCa,
} from './pixieInstall';
import { forwardServicePort, PodPortForward } from './portForward';
import { resolveServiceTarget } from './serviceTarget';
import { vizierTokenSource } from './vizierJwt';

export interface DirectConnectOptions {
  kubeconfigPath?: string;
  context?: string;
  /** Cancels the setup (not the endpoint: call dispose()). */
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

const TLS_PROBE_TIMEOUT_MS = 10_000;

/**
 * Opens a port-forward to Pixie's query broker and returns where and how to call it. The
 * broker serves TLS with Vizier's own CA, read from `pl/service-tls-certs`; verification is
 * never skipped. The forward and the certificate are checked with one TLS handshake before
 * returning, so a refused forward or a wrong CA is reported here, not as a gRPC "unavailable".
 * When the broker pod is replaced later, the next connection finds the new one.
 */
export async function connectDirect(options: DirectConnectOptions = {}): Promise<VizierEndpoint> {
  const target: KubeTarget = { kubeconfig: options.kubeconfigPath, context: options.context, signal: options.signal, env: options.env, timeoutMs: options.timeoutMs };
  const resolved = openContext(target);
  const api = ClusterApi.for(resolved, target);
  const credentials = await readPixieCredentials(api);
  const ca = await readServiceCa(api);
  const broker = await resolveServiceTarget(api, PIXIE_NAMESPACE, QUERY_BROKER_SERVICE, QUERY_BROKER_PORT);
  throwIfCancelled(options.signal, resolved.context.name);
  // The forward outlives this call (until dispose), so its API calls must not die with `signal`.
  const forwardApi = ClusterApi.for(resolved, { timeoutMs: options.timeoutMs });
  const forward = await forwardServicePort(forwardApi, PIXIE_NAMESPACE, QUERY_BROKER_SERVICE, QUERY_BROKER_PORT, broker);
  try {
    await probeTls(forward, ca, options.signal, resolved.context.name);
  } catch (err) {
    await forward.close();
    throw err;
  }
  const token = vizierTokenSource(credentials.jwtSigningKey);
  const label = `direct · ${resolved.context.name}`;
  return {
    address: forward.address,
    tls: { ca, serverName: QUERY_BROKER_SERVER_NAME },
    // A getter: each read gets a token valid for minutes more, so long sessions never send an expired one.
    get metadata() {
      return { authorization: `bearer ${token()}` };
    },
    clusterId: credentials.clusterId,
    label,
    dispose: () => void forward.close(),
  };
}

/** The entry point `flamelens fetch --kube` calls. */
export function endpointFromKube(options: { kubeconfig?: string; context?: string; signal?: AbortSignal; env?: NodeJS.ProcessEnv }): Promise<VizierEndpoint> {
  return connectDirect({ kubeconfigPath: options.kubeconfig, context: options.context, signal: options.signal, env: options.env });
}

function probeTls(forward: PodPortForward, ca: Buffer, signal: AbortSignal | undefined, context: string): Promise<void> {
  const broker = `${PIXIE_NAMESPACE}/${forward.pod}:${forward.podPort}`;
  return new Promise<void>((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port: forward.localPort, ca, servername: QUERY_BROKER_SERVER_NAME, ALPNProtocols: ['h2'] });
    const timer = setTimeout(() => finish(new KubeError('timeout', `The Pixie query broker (${broker}) did not complete a TLS handshake within ${TLS_PROBE_TIMEOUT_MS / 1000} s through the port-forward of context "${context}".`)), TLS_PROBE_TIMEOUT_MS);
    const onAbort = () => finish(new KubeError('cancelled', `Cancelled while connecting to the Pixie query broker of context "${context}".`));
    signal?.addEventListener('abort', onAbort, { once: true });
    let done = false;
    function finish(err?: Error) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (err) reject(err);
      else resolve();
    }
    socket.once('secureConnect', () => finish());
    socket.once('error', (err: NodeJS.ErrnoException) => finish(explainProbeFailure(err, forward, broker, context)));
    socket.once('close', () => finish(explainProbeFailure(undefined, forward, broker, context)));
  });
}

function explainProbeFailure(err: NodeJS.ErrnoException | undefined, forward: PodPortForward, broker: string, context: string): KubeError {
  // A failure of the forward itself explains a reset better than the reset does.
  if (forward.lastError) return forward.lastError;
  const code = err?.code ?? '';
  if (/CERT|SELF_SIGNED|UNABLE_TO|ALTNAME/.test(code)) {
    return new KubeError(
      'tls',
      `The Pixie query broker (${broker}) presented a certificate that does not verify against pl/service-tls-certs ca.crt for ${QUERY_BROKER_SERVER_NAME} (${code}). Vizier's certificates may have been rotated: retry, or check the secret.`,
    );
  }
  return new KubeError(
    'port-forward',
    `The port-forward to the Pixie query broker (${broker}) in context "${context}" closed before a TLS handshake${code ? ` (${code})` : ''}. Is the broker serving on port ${forward.podPort}?`,
  );
}

function throwIfCancelled(signal: AbortSignal | undefined, context: string): void {
  if (signal?.aborted) throw new KubeError('cancelled', `Cancelled while connecting to Pixie in context "${context}".`);
}
