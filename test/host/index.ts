// Entry of the host test suite: VS Code loads it in the extension host and awaits run(), which runs mocha over suites.ts.
import Mocha from 'mocha';
import { hostSuites } from './suites';

/**
 * Mocha's `describe`/`it` globals come from its 'pre-require' event, which `mocha.loadFiles()` emits
 * around each require(). The suites are bundled, not files on disk, so this does the same by hand.
 */
export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    // Each test drives a real workbench: opening webviews and files takes seconds, not milliseconds.
    timeout: 60_000,
    grep: process.env.FLAMELENS_TEST_GREP || undefined,
    // The main sessions leave out tests that need a session of their own (`@reload` reloads the window).
    invert: process.env.FLAMELENS_TEST_INVERT === '1',
  });
  for (const [file, load] of Object.entries(hostSuites)) {
    mocha.suite.emit('pre-require', globalThis as unknown as Mocha.MochaGlobals, file, mocha);
    const loaded = await load();
    mocha.suite.emit('require', loaded, file, mocha);
    mocha.suite.emit('post-require', globalThis as unknown as Mocha.MochaGlobals, file, mocha);
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} host test(s) failed.`);
}
