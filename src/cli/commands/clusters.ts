// `flamelens clusters`: every kubeconfig context, its API server, and whether Pixie was found there.

import { parseArgs } from 'node:util';
import { CliCommand, CliError, CliIo } from '../command';
import { ClusterInfo, discoverCluster, discoverClusters, KubeError } from '../../sources/kube';

const USAGE = `Usage: flamelens clusters [--kubeconfig FILE] [--context NAME] [--json]

One line per kubeconfig context (the current one marked with *):
  context<TAB>API server<TAB>pixie: found (cluster-id ..., cloud ..., ...) | not found (reason)

  --kubeconfig FILE  kubeconfig to read (default: $KUBECONFIG, then ~/.kube/config)
  --context NAME     inspect only this context
  --json             one JSON object per context instead (no secrets in it)`;

export const clustersCommand: CliCommand = {
  name: 'clusters',
  summary: 'List kubeconfig contexts and whether Pixie runs in each',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const options = parse(args);
    const target = { kubeconfig: options.kubeconfig, env: io.env, signal: io.signal };
    let clusters: ClusterInfo[];
    try {
      clusters = options.context ? [await discoverCluster({ ...target, context: options.context })] : (await discoverClusters(target)).clusters;
    } catch (err) {
      if (err instanceof KubeError) throw new CliError(err.message, err.kind === 'cancelled' ? 130 : 1);
      throw err;
    }
    for (const info of clusters) io.stdout.write(options.json ? `${JSON.stringify(info)}\n` : `${formatCluster(info)}\n`);
    return 0;
  },
};

export function formatCluster(info: ClusterInfo): string {
  return `${info.current ? '*' : ' '} ${info.context}\t${info.server}\tpixie: ${formatPixie(info)}`;
}

function formatPixie(info: ClusterInfo): string {
  const p = info.pixie;
  if (!p.found) return `not found (${oneLine(p.reason ?? 'no reason given')})`;
  const parts: string[] = [];
  if (p.clusterId) parts.push(`cluster-id ${p.clusterId}`);
  if (p.clusterName) parts.push(`name ${p.clusterName}`);
  if (p.cloudAddress) parts.push(`cloud ${p.cloudAddress}`);
  if (p.vizierPods) parts.push(`${p.vizierPods.ready}/${p.vizierPods.total} vizier pods ready`);
  parts.push(p.directMode ? 'direct mode possible' : 'no direct mode');
  if (p.notes.length > 0) parts.push(`${p.notes.length} read${p.notes.length > 1 ? 's' : ''} refused, see --json`);
  return `found (${parts.join(', ')})`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function parse(args: string[]): { kubeconfig?: string; context?: string; json: boolean } {
  try {
    const { values } = parseArgs({
      args,
      options: { kubeconfig: { type: 'string' }, context: { type: 'string' }, json: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    });
    return { kubeconfig: values.kubeconfig, context: values.context, json: values.json ?? false };
  } catch (err) {
    throw new CliError(`${(err as Error).message}. Run 'flamelens clusters --help'.`, 2);
  }
}
