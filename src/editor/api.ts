// What the extension exports from activate(): used by other extensions and by the extension-host tests.

import type { FlamegraphPanels } from './flamegraph/panels';
import type { LatencyPanels } from './latency/latencyPanels';

export interface FlamelensApi {
  readonly flamegraphs: FlamegraphPanels;
  readonly latency: LatencyPanels;
  /** How long activate() took, in ms (reported by the benchmark). */
  readonly activationMs: number;
}
