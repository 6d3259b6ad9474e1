// What the extension exports from activate(): used by other extensions and by the extension-host tests.

import type { FlamegraphPanels } from './flamegraph/panels';

export interface FlamelensApi {
  readonly flamegraphs: FlamegraphPanels;
}
