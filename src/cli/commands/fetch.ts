// `flamelens fetch`: a CPU profile or a latency table from a Vizier API (Pixie Cloud, a query broker, the local sampler).

import { readFileSync } from 'node:fs';
import { OUTPUT_FORMATS, OutputFormat, serializeProfile } from '../../core/formats/writeProfile';
import { endpointRecords } from '../../core/latency';
import type { VizierEndpoint } from '../../sources/pixie/endpoint';
import { fetchLatency } from '../../sources/pixie/fetchLatency';
import { fetchProfile } from '../../sources/pixie/fetchProfile';
import { windowForStartTime } from '../../sources/pixie/scripts';
import { VizierError } from '../../sources/pixie/vizierError';
import { endpointFromKube, KubeError } from '../../sources/kube';
import { oneOf, parseArgs, USAGE_EXIT_CODE } from '../args';
import { CliCommand, CliError, CliIo } from '../command';
import { stdoutIsTerminal, writeOutput } from '../output';

const USAGE = `Usage: flamelens fetch --pixie HOST:PORT [--insecure | --ca FILE] [--server-name NAME]
                      [--api-key-env VAR] [--cluster-id ID]
       flamelens fetch --kube [--kubeconfig FILE] [--context NAME]
                      --what flamegraph|latency [--window 5m] [--namespace NS] [--pod POD]
                      [--format folded|json|pprof] [-o FILE] [--timeout 120s]

Runs Flamelens' PxL script on a Vizier API and writes the result.

  --pixie HOST:PORT   Pixie Cloud (work.withpixie.ai:443), a query broker, or the local sampler
  --insecure          plaintext gRPC (loopback servers such as the local sampler)
  --ca FILE           PEM CA certificate to verify the server with (default: the system's)
  --server-name NAME  name to verify the server's certificate against, when it differs from HOST
  --api-key-env VAR   environment variable holding the Pixie API key (sent as pixie-api-key)
  --cluster-id ID     Pixie cluster id (UUID), required by Pixie Cloud
  --kube              direct mode: port-forward to the query broker of the kubeconfig's cluster
                      (namespace pl), authenticated with a JWT from secret pl-cluster-secrets
  --kubeconfig FILE   kubeconfig for --kube (default: $KUBECONFIG, then ~/.kube/config)
  --context NAME      kubeconfig context for --kube (default: the current one)
  --what              flamegraph: CPU stack traces; latency: HTTP latency per endpoint
  --window            how far back: 30s, 5m (default), 15m, 1h, ...
  --namespace NS      only this namespace
  --pod POD           only pods whose name contains POD (flamegraph)
  --format            flamegraph: folded (default), json (Pixie rows, one per line), pprof;
                      latency: json (one object per endpoint and line, the default)
  -o FILE             write to FILE instead of stdout (pprof is gzipped on stdout and to a .gz name)
  --timeout           give up after this long (default 120s)`;

interface FetchArgs {
  pixie?: string;
  insecure: boolean;
  ca?: string;
  serverName?: string;
  apiKeyEnv?: string;
  clusterId?: string;
  kube: boolean;
  kubeconfig?: string;
  context?: string;
  what: 'flamegraph' | 'latency';
  windowSeconds: number;
  namespace?: string;
  pod?: string;
  format: OutputFormat;
  output?: string;
  timeoutMs: number;
}

export const fetchCommand: CliCommand = {
  name: 'fetch',
  summary: 'Fetch a CPU profile or an HTTP latency table from Pixie or the local sampler',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const options = parse(args);
    const endpoint = await resolveEndpoint(options, io);
    try {
      if (options.what === 'flamegraph') await fetchFlamegraph(endpoint, options, io);
      else await fetchLatencyTable(endpoint, options, io);
      return 0;
    } catch (err) {
      if (err instanceof VizierError) throw new CliError(err.message, err.kind === 'cancelled' ? 130 : 1);
      throw err;
    } finally {
      endpoint.dispose?.();
    }
  },
};

/**
 * The one place a VizierEndpoint is made from the command line: `--pixie HOST:PORT`
 * (cloud, a broker, the local sampler) or `--kube` (direct mode through the kubeconfig).
 * The fetch itself does not care which.
 */
async function resolveEndpoint(options: FetchArgs, io: CliIo): Promise<VizierEndpoint> {
  if (options.kube) return kubeEndpoint(options, io);
  if (options.kubeconfig || options.context) throw new CliError('--kubeconfig and --context go with --kube', USAGE_EXIT_CODE);
  if (!options.pixie) throw new CliError('say where Vizier is: --pixie HOST:PORT (e.g. work.withpixie.ai:443, or 127.0.0.1:PORT --insecure), or --kube', USAGE_EXIT_CODE);
  return pixieEndpoint(options, io);
}

async function kubeEndpoint(options: FetchArgs, io: CliIo): Promise<VizierEndpoint> {
  if (options.pixie || options.insecure || options.ca || options.serverName || options.apiKeyEnv || options.clusterId) {
    throw new CliError('--kube finds the query broker, its CA and the cluster id through the kubeconfig: drop --pixie, --insecure, --ca, --server-name, --api-key-env and --cluster-id', USAGE_EXIT_CODE);
  }
  try {
    return await endpointFromKube({ kubeconfig: options.kubeconfig, context: options.context, signal: io.signal, env: io.env });
  } catch (err) {
    if (err instanceof KubeError) throw new CliError(err.message, err.kind === 'cancelled' ? 130 : 1);
    throw err;
  }
}

function pixieEndpoint(options: FetchArgs, io: CliIo): VizierEndpoint {
  const address = options.pixie!;
  if (!/^(\[[0-9a-fA-F:]+\]|[^\s:/]+):\d{1,5}$/.test(address)) {
    throw new CliError(`--pixie must be HOST:PORT (e.g. work.withpixie.ai:443), got '${address}'`, USAGE_EXIT_CODE);
  }
  if (options.insecure && (options.ca || options.serverName)) throw new CliError('--insecure cannot go with --ca or --server-name: plaintext has no certificate', USAGE_EXIT_CODE);
  let tls: VizierEndpoint['tls'] = { insecure: true };
  if (!options.insecure) {
    let ca: Buffer | undefined;
    if (options.ca) {
      try {
        ca = readFileSync(options.ca);
      } catch (err) {
        throw new CliError(`cannot read the CA file ${options.ca}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, USAGE_EXIT_CODE);
      }
    }
    tls = { ca, serverName: options.serverName };
  }
  const metadata: Record<string, string> = {};
  if (options.apiKeyEnv) {
    const key = io.env[options.apiKeyEnv]?.trim();
    if (!key) throw new CliError(`--api-key-env ${options.apiKeyEnv}: that environment variable is not set or empty`, USAGE_EXIT_CODE);
    metadata['pixie-api-key'] = key;
  }
  return { address, tls, metadata, clusterId: options.clusterId, label: address };
}

async function fetchFlamegraph(endpoint: VizierEndpoint, options: FetchArgs, io: CliIo): Promise<void> {
  if (options.format === 'pprof' && !options.output && stdoutIsTerminal(io)) {
    throw new CliError('pprof is binary: write it to a file with -o FILE (e.g. -o profile.pb.gz)', USAGE_EXIT_CODE);
  }
  const profile = await fetchProfile(endpoint, {
    windowSeconds: options.windowSeconds,
    namespace: options.namespace,
    pod: options.pod,
    signal: io.signal,
    timeoutMs: options.timeoutMs,
  });
  await writeOutput(serializeProfile(profile, options.format, { gzip: !options.output || options.output.endsWith('.gz') }), options.output, io);
  io.stderr.write(`flamelens fetch: ${profile.stacks.length} unique stacks, ${profile.totalSamples} samples from ${endpoint.label}${options.output ? ` -> ${options.output}` : ''}\n`);
}

async function fetchLatencyTable(endpoint: VizierEndpoint, options: FetchArgs, io: CliIo): Promise<void> {
  if (options.format !== 'json') throw new CliError(`--what latency writes json only (one object per endpoint and line), not ${options.format}`, USAGE_EXIT_CODE);
  if (options.pod) throw new CliError('--pod narrows flamegraphs only; latency is per service and endpoint (use --namespace)', USAGE_EXIT_CODE);
  const table = await fetchLatency(endpoint, { windowSeconds: options.windowSeconds, namespace: options.namespace, signal: io.signal, timeoutMs: options.timeoutMs });
  const lines = endpointRecords(table).map((r) => `${JSON.stringify(r)}\n`);
  await writeOutput(lines, options.output, io);
  io.stderr.write(`flamelens fetch: ${table.endpoints.length} endpoints of ${table.services.length} services from ${endpoint.label}${options.output ? ` -> ${options.output}` : ''}\n`);
}

function parse(args: string[]): FetchArgs {
  const { flags } = parseArgs(args, {
    pixie: { type: 'string' },
    insecure: { type: 'boolean' },
    ca: { type: 'string' },
    'server-name': { type: 'string' },
    'api-key-env': { type: 'string' },
    'cluster-id': { type: 'string' },
    kube: { type: 'boolean' },
    kubeconfig: { type: 'string' },
    context: { type: 'string' },
    what: { type: 'string' },
    window: { type: 'string' },
    namespace: { type: 'string' },
    pod: { type: 'string' },
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    timeout: { type: 'string' },
  });
  if (flags.what === undefined) throw new CliError('say what to fetch: --what flamegraph or --what latency', USAGE_EXIT_CODE);
  const what = oneOf('what', flags.what, ['flamegraph', 'latency'] as const);
  const format = oneOf('format', flags.format ?? (what === 'latency' ? 'json' : 'folded'), OUTPUT_FORMATS);
  return {
    pixie: flags.pixie,
    insecure: flags.insecure,
    ca: flags.ca,
    serverName: flags['server-name'],
    apiKeyEnv: flags['api-key-env'],
    clusterId: flags['cluster-id'],
    kube: flags.kube,
    kubeconfig: flags.kubeconfig,
    context: flags.context,
    what,
    windowSeconds: duration(flags.window ?? '5m', '--window'),
    namespace: flags.namespace || undefined,
    pod: flags.pod || undefined,
    format,
    output: flags.output,
    timeoutMs: duration(flags.timeout ?? '120s', '--timeout') * 1000,
  };
}

function duration(text: string, flag: string): number {
  const seconds = windowForStartTime(text);
  if (seconds === undefined || !(seconds > 0) || text.trim().startsWith('-')) {
    throw new CliError(`${flag} must be a duration like 30s, 5m or 1h, not '${text}'`, USAGE_EXIT_CODE);
  }
  return seconds;
}
