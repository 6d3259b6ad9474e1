// `flamelens sampler`: runs the local sampler over a manifest's processes until Ctrl+C.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliCommand, CliError, CliIo } from '../command';
import { CpuSamplerChoice, LocalSampler } from '../../sampler/localSampler';
import { readManifest } from '../../sampler/manifest';
import { windowForStartTime } from '../../sources/pixie/scripts';

const USAGE = `Usage: flamelens sampler [--manifest FILE] [--port N] [--window 30s] [--cpu auto|perf|inspector]

Samples the CPU of the processes a manifest names (found by the port each listens on), measures
their HTTP latency through a proxy on each service's public port, and serves the Vizier API on
127.0.0.1 for Flamelens (settings: flamelens.source = local, flamelens.local.address = the printed address).

  --manifest FILE   services -> namespace, pod, container, ports (default: examples/tinyhat/tinyhat.manifest.json)
  --port N          port of the Vizier API (default: any free port)
  --window D        length of a stack window, e.g. 30s (default: 30s, as Pixie)
  --cpu KIND        perf (Node processes need --perf-basic-prof), inspector, or auto (perf when allowed)`;

export const samplerCommand: CliCommand = {
  name: 'sampler',
  summary: 'Run the local sampler (CPU samples and HTTP latency of local processes, served as the Vizier API)',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const options = parse(args);
    const manifestPath = resolve(io.cwd, options.manifest);
    let manifest;
    try {
      manifest = readManifest(manifestPath);
    } catch (err) {
      throw new CliError((err as Error).message, 2);
    }
    const sampler = await LocalSampler.start({
      manifest,
      port: options.port,
      windowMs: options.windowMs,
      cpu: options.cpu,
      log: (line) => io.stderr.write(`sampler: ${line}\n`),
    });
    io.stderr.write(
      `sampler: CPU through ${sampler.cpuKind}; latency proxies on ${manifest.services.map((s) => `${s.name} :${s.port}->:${s.targetPort}`).join(', ')}\n`,
    );
    io.stdout.write(`sampler: ${sampler.address}\n`);
    await new Promise<void>((done) => {
      if (io.signal.aborted) done();
      else io.signal.addEventListener('abort', () => done(), { once: true });
    });
    await sampler.stop();
    return 0;
  },
};

interface SamplerOptions {
  manifest: string;
  port: number;
  windowMs: number;
  cpu: CpuSamplerChoice;
}

function parse(args: string[]): SamplerOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        manifest: { type: 'string' },
        port: { type: 'string' },
        window: { type: 'string' },
        cpu: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n${USAGE}`, 2);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a port number, not '${values.port}'`, 2);
  const windowSeconds = values.window === undefined ? 30 : windowForStartTime(values.window);
  if (windowSeconds === undefined || windowSeconds < 1 || windowSeconds > 3600) {
    throw new CliError(`--window must be a duration between 1s and 1h such as 30s or 1m, not '${values.window}'`, 2);
  }
  const cpu = (values.cpu ?? 'auto') as CpuSamplerChoice;
  if (!['auto', 'perf', 'inspector'].includes(cpu)) throw new CliError(`--cpu must be auto, perf or inspector, not '${values.cpu}'`, 2);
  return { manifest: values.manifest ?? 'examples/tinyhat/tinyhat.manifest.json', port, windowMs: windowSeconds * 1000, cpu };
}
