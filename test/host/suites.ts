// Every host test file, loaded by index.ts once mocha's globals exist. Add one line per new `*.test.ts` file.
//
// The build bundles only index.ts, so test files must be listed here to be included; each entry is a
// lazy import because a test file calls describe()/it() as soon as it loads.
export const hostSuites: Record<string, () => Promise<unknown>> = {
  'activation.test.ts': () => import('./activation.test'),
  'flamegraph.test.ts': () => import('./flamegraph.test'),
  'reload.test.ts': () => import('./reload.test'),
  'pixieLocal.test.ts': () => import('./pixieLocal.test'),
  'latency.test.ts': () => import('./latency.test'),
  'pixieCloud.test.ts': () => import('./pixieCloud.test'),
  'pixieDirect.test.ts': () => import('./pixieDirect.test'),
  'pickers.test.ts': () => import('./pickers.test'),
  'jumpToSource.test.ts': () => import('./jumpToSource.test'),
  'codeLens.test.ts': () => import('./codeLens.test'),
  'demo.test.ts': () => import('./demo.test'),
};
