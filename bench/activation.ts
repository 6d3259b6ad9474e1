// Activation cost: loading dist/extension.js and running activate(), with `vscode` stubbed out so only our own work is timed.
// The real extension host's figure is in the Flamelens log ("activated in N ms") and in the host suite's output.
import Module from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const TARGET_MS = 100;
const bundle = path.join(__dirname, '..', 'dist', 'extension.js');

/** A `vscode` that accepts every call: each property, call and `new` gives the stub back. */
const VSCODE_NAMESPACES = ['window', 'workspace', 'commands', 'languages', 'extensions', 'env', 'Uri', 'EventEmitter', 'Disposable', 'Range', 'Position', 'ThemeColor', 'CodeLens', 'Hover', 'MarkdownString', 'CancellationTokenSource', 'CancellationError', 'ProgressLocation', 'StatusBarAlignment', 'ViewColumn', 'ConfigurationTarget', 'OverviewRulerLane', 'ColorThemeKind', 'TextEditorRevealType'];

function stubVscode(): unknown {
  const target = function () {};
  const stub: unknown = new Proxy(target, {
    get: (_t, prop) => (prop === 'then' ? undefined : prop === Symbol.toPrimitive ? () => 0 : stub),
    set: () => true,
    apply: () => stub,
    construct: () => stub as object,
    // esbuild's ESM interop copies the module's own keys: list the namespaces the extension uses.
    ownKeys: () => [...VSCODE_NAMESPACES, 'prototype'],
    getOwnPropertyDescriptor: (_t, prop) =>
      prop === 'prototype' ? Object.getOwnPropertyDescriptor(target, 'prototype') : { configurable: true, enumerable: true, value: stub },
  });
  return stub;
}

function measureOnce(): { loadMs: number; activateMs: number } {
  const vscode = stubVscode();
  const mod = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = mod._load;
  mod._load = (request, parent, isMain) => (request === 'vscode' ? vscode : original(request, parent, isMain));
  try {
    delete require.cache[bundle];
    const t0 = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle, loaded as VS Code loads it
    const ext = require(bundle) as { activate(ctx: unknown): unknown };
    const t1 = performance.now();
    ext.activate({
      subscriptions: [],
      extensionUri: vscode,
      extensionPath: path.join(__dirname, '..'),
      secrets: vscode,
      extension: { packageJSON: { version: 'bench' } },
    });
    const t2 = performance.now();
    return { loadMs: t1 - t0, activateMs: t2 - t1 };
  } finally {
    mod._load = original;
  }
}

const runs = Array.from({ length: 5 }, measureOnce);
const first = runs[0];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const warmActivate = median(runs.slice(1).map((r) => r.activateMs));
console.log(`bundle load (cold, first require): ${first.loadMs.toFixed(1)} ms`);
console.log(`activate() (cold):                 ${first.activateMs.toFixed(1)} ms`);
console.log(`activate() (warm median of 4):     ${warmActivate.toFixed(1)} ms`);
const total = first.loadMs + first.activateMs;
console.log(`cold load + activate: ${total.toFixed(1)} ms (target < ${TARGET_MS} ms): ${total < TARGET_MS ? 'ok' : 'OVER TARGET'}`);
