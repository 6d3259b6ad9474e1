#!/usr/bin/env node
// `npm run test:host`: the host suite in code-server's real extension host, once per color theme, then the packed .vsix check.
//
// Environment:
//   FLAMELENS_TEST_THEMES       comma-separated themes (default "Default Dark Modern,Default Light Modern")
//   FLAMELENS_TEST_THEME        a single theme (overrides FLAMELENS_TEST_THEMES)
//   FLAMELENS_TEST_GREP         only tests whose full title contains this text, in every theme (the .vsix run always uses "@vsix")
//   FLAMELENS_TEST_LATER_GREP   the grep for the 2nd and later themes (default "@screenshot": the first theme runs
//                               everything, later ones redo the tests that take screenshots; "" runs all in every theme)
//   FLAMELENS_TEST_TIMEOUT_S    per-session timeout (default 600)
//   FLAMELENS_SKIP_VSIX=1       skip the .vsix check (quick edit-test loops only; `npm test` always runs it)
import { existsSync } from 'node:fs';
import { runHostSession } from './host-session.mjs';
import { hostSuiteEntry, repoRoot, screenshotsDir } from './paths.mjs';
import { runVsixTest } from './run-vsix-test.mjs';

function themes() {
  const list = process.env.FLAMELENS_TEST_THEME || process.env.FLAMELENS_TEST_THEMES || 'Default Dark Modern,Default Light Modern';
  return list.split(',').map((theme) => theme.trim()).filter(Boolean);
}

/** A full run takes minutes; what differs between themes is what the screenshots show. An explicit grep wins. */
function laterGrep() {
  return process.env.FLAMELENS_TEST_GREP || (process.env.FLAMELENS_TEST_LATER_GREP ?? '@screenshot') || undefined;
}

const RELOAD_TAG = '@reload';

async function main() {
  if (!existsSync(hostSuiteEntry)) {
    console.error(`[runner] ${hostSuiteEntry} is missing: build it with \`node scripts/build.mjs\` (npm run test:host does).`);
    return 1;
  }
  const started = Date.now();
  const results = [];
  for (const [index, theme] of themes().entries()) {
    const grep = index > 0 ? laterGrep() : process.env.FLAMELENS_TEST_GREP;
    const t0 = Date.now();
    const code = await runHostSession({
      label: `host ${theme}`,
      theme,
      developmentPath: repoRoot,
      testsPath: hostSuiteEntry,
      // Without a grep: everything but the window-reload test, which has a session of its own below.
      grep: grep || RELOAD_TAG,
      env: grep ? {} : { FLAMELENS_TEST_INVERT: '1' },
    });
    results.push({ name: `host suite, ${theme}`, code, seconds: (Date.now() - t0) / 1000 });
  }

  // In this session the suite runs twice: the test reloads the window, and the workbench starts the tests again.
  if (!process.env.FLAMELENS_TEST_GREP) {
    const t0 = Date.now();
    const code = await runHostSession({ label: 'window reload', developmentPath: repoRoot, testsPath: hostSuiteEntry, grep: RELOAD_TAG });
    results.push({ name: 'flamegraph state survives a window reload', code, seconds: (Date.now() - t0) / 1000 });
  }

  if (process.env.FLAMELENS_SKIP_VSIX === '1') {
    console.log('[runner] FLAMELENS_SKIP_VSIX=1: the packed .vsix was NOT checked.');
  } else {
    const t0 = Date.now();
    const code = await runVsixTest();
    results.push({ name: 'packed .vsix installs and activates', code, seconds: (Date.now() - t0) / 1000 });
  }

  console.log('\n[runner] summary:');
  for (const { name, code, seconds } of results) console.log(`  ${code === 0 ? 'ok  ' : 'FAIL'}  ${name} (${seconds.toFixed(1)} s)`);
  console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${screenshotsDir}`);
  return results.every(({ code }) => code === 0) ? 0 : 1;
}

process.exit(await main());
