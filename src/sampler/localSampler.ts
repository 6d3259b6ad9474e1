// The local sampler: latency proxies, a CPU sampler over the manifest's processes, rolling windows, and the Vizier API on loopback.

import { Attribution, attributionOf } from './attribution';
import type { CpuSampler } from './cpuSampler';
import { InspectorSampler } from './inspector/inspectorSampler';
import { LatencyProxy } from './latencyProxy';
import type { Manifest, ManifestService } from './manifest';
import { perfAvailability } from './perf/probe';
import { PerfSampler } from './perf/perfSampler';
import { describeProcess, isAlive, LocalProcess, pidsListeningOn } from './processes';
import type { CpuChunk } from './stacks';
import { VizierServer } from './vizier/vizierServer';
import { DEFAULT_LIMITS, SampleWindows, SourceKey } from './windows';

export type CpuSamplerChoice = 'auto' | 'perf' | 'inspector';

export interface LocalSamplerOptions {
  manifest: Manifest;
  /** Port of the Vizier API on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** Length of a stack window (Pixie: 30 s). */
  windowMs?: number;
  cpu?: CpuSamplerChoice;
  /** Chunk lengths of the CPU sampler, in seconds (short first, then the steady one). */
  chunkSeconds?: number[];
  log?(line: string): void;
}

interface Attached {
  process: LocalProcess;
  source: SourceKey;
}

export class LocalSampler {
  readonly windows: SampleWindows;
  private readonly attribution = new Map<SourceKey, Attribution>();
  private readonly attachedByPort = new Map<number, Attached>();
  private readonly sourceByPid = new Map<number, SourceKey>();
  private readonly proxies: LatencyProxy[] = [];
  private cpu: CpuSampler | undefined;
  private server: VizierServer | undefined;
  private readonly log: (line: string) => void;
  /** Last warning per PID/port, so a missing service is reported once, not every chunk. */
  private readonly warned = new Set<string>();
  port = 0;
  cpuKind: CpuSampler['kind'] | undefined;

  private constructor(private readonly options: LocalSamplerOptions) {
    this.windows = new SampleWindows({ ...DEFAULT_LIMITS, windowMs: options.windowMs ?? DEFAULT_LIMITS.windowMs });
    this.log = options.log ?? (() => undefined);
  }

  /** Starts everything; on any failure, stops what was started and rethrows. */
  static async start(options: LocalSamplerOptions): Promise<LocalSampler> {
    const sampler = new LocalSampler(options);
    try {
      await sampler.startParts();
    } catch (err) {
      await sampler.stop();
      throw err;
    }
    return sampler;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    await Promise.all([this.cpu?.stop(), this.server?.close(), ...this.proxies.map((p) => p.close())]);
  }

  private async startParts(): Promise<void> {
    const { manifest } = this.options;
    for (const service of manifest.services) {
      const source: SourceKey = `service:${service.namespace}/${service.name}`;
      this.attribution.set(source, attributionOf(manifest.node, service));
      const proxy = new LatencyProxy(service.targetPort, (event) => this.windows.addEvent(source, event));
      this.proxies.push(proxy);
      await proxy.listen(service.port);
    }
    this.cpu = await this.chooseCpuSampler();
    this.cpuKind = this.cpu.kind;
    this.server = new VizierServer(
      { windows: this.windows, attribution: (key) => this.attribution.get(key), nowMs: () => Date.now() },
      this.log,
    );
    this.port = await this.server.listen(this.options.port ?? 0);
    this.cpu.start();
  }

  private async chooseCpuSampler(): Promise<CpuSampler> {
    const choice = this.options.cpu ?? 'auto';
    const events = {
      targets: () => this.targets(),
      onChunk: (chunk: CpuChunk) => this.addChunk(chunk),
      onError: (message: string) => this.warnOnce(message, message),
    };
    if (choice !== 'inspector') {
      const perf = await perfAvailability();
      if (perf.usable) return new PerfSampler(events, this.options.chunkSeconds);
      if (choice === 'perf') throw new Error(`cannot sample with perf: ${perf.reason}`);
      this.log(`perf is not usable (${perf.reason}); sampling through the Node inspector instead`);
    }
    const ports = this.options.manifest.services.flatMap((s) => [s.port, s.targetPort]);
    return new InspectorSampler(events, this.options.chunkSeconds, ports);
  }

  /** The PIDs behind the manifest's services, looked up by port; kept while the same process lives. */
  private async targets(): Promise<number[]> {
    const services = this.options.manifest.services;
    const stale = services.filter((s) => {
      const known = this.attachedByPort.get(s.targetPort);
      return !known || !isAlive(known.process.pid);
    });
    const byPort = stale.length > 0 ? await pidsListeningOn(stale.filter((s) => s.pid === undefined).map((s) => s.targetPort)) : new Map();
    for (const service of stale) {
      this.attachedByPort.delete(service.targetPort);
      const pid = service.pid ?? byPort.get(service.targetPort);
      if (pid === undefined) {
        this.warnOnce(`port:${service.targetPort}`, `${service.name}: nothing listens on 127.0.0.1:${service.targetPort} yet; its CPU is not sampled until it does`);
        continue;
      }
      await this.attach(service, pid);
    }
    return [...this.attachedByPort.values()].map((a) => a.process.pid);
  }

  private async attach(service: ManifestService, pid: number): Promise<void> {
    const process = await describeProcess(pid);
    if (!process) {
      this.warnOnce(`pid:${pid}`, `${service.name}: process ${pid} is gone`);
      return;
    }
    const source: SourceKey = `process:${pid}:${process.startTicks}`;
    this.attribution.set(source, attributionOf(this.options.manifest.node, service, process.cmdline));
    this.attachedByPort.set(service.targetPort, { process, source });
    this.sourceByPid.set(pid, source);
    this.warned.delete(`port:${service.targetPort}`);
    this.log(`sampling ${service.name} (pod ${service.namespace}/${service.pod}): PID ${pid}`);
    this.forgetUnusedSources();
  }

  private addChunk(chunk: CpuChunk): void {
    for (const [pid, counts] of chunk.byPid) {
      const source = this.sourceByPid.get(pid);
      if (source) this.windows.addStacks(source, counts, chunk.endMs);
    }
  }

  /** Attribution of processes that exited and whose samples left every window. */
  private forgetUnusedSources(): void {
    if (this.attribution.size < 64) return;
    const live = this.windows.liveSources();
    const current = new Set([...this.attachedByPort.values()].map((a) => a.source));
    for (const key of this.attribution.keys()) {
      if (key.startsWith('process:') && !live.has(key) && !current.has(key)) this.attribution.delete(key);
    }
    for (const [pid, key] of this.sourceByPid) if (!this.attribution.has(key)) this.sourceByPid.delete(pid);
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.log(message);
  }
}
