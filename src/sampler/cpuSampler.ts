// What every CPU sampler (perf, Node inspector) looks like to the rest of the sampler.

import type { CpuChunk } from './stacks';

export interface CpuSamplerEvents {
  /** PIDs to sample now; asked before every chunk, so restarted services are picked up. */
  targets(): Promise<number[]>;
  onChunk(chunk: CpuChunk): void;
  /** Something went wrong but sampling goes on (a process exited, a chunk could not be read). */
  onError(message: string): void;
}

export interface CpuSampler {
  readonly kind: 'perf' | 'inspector';
  start(): void;
  /** Stops sampling and ends every child process and connection it started. */
  stop(): Promise<void>;
}
