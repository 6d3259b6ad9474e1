// What the extension exports from activate(): used by other extensions and by the extension-host tests.

import type { CodeIndex } from './code/codeIndex';
import type { FlamegraphPanels } from './flamegraph/panels';
import type { LiveData } from './insights/liveData';
import type { LatencyPanels } from './latency/latencyPanels';

export interface FlamelensApi {
  readonly flamegraphs: FlamegraphPanels;
  readonly latency: LatencyPanels;
  /** The latency and profile behind CodeLens and hovers. */
  readonly liveData: LiveData;
  readonly code: CodeIndex;
  /** How long activate() took, in ms (reported by the benchmark). */
  readonly activationMs: number;
}
