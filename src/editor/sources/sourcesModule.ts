// Loads the sources bundle (dist/sources.js) on first use: gRPC and the Kubernetes client are never paid for at activation.

import * as path from 'node:path';
import type * as Sources from '../../sources';

let loaded: typeof Sources | undefined;

export function sourcesModule(extensionPath: string): typeof Sources {
  if (!loaded) {
    // A plain require of a sibling bundle: esbuild leaves non-literal requires alone.
    const file = path.join(extensionPath, 'dist', 'sources.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: a run-time require esbuild must not follow
    loaded = require(file) as typeof Sources;
    loaded.setPixieResourceRoot(extensionPath);
  }
  return loaded;
}
