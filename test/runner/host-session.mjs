// One test session in the real extension host: sandbox, code-server, Chromium on the workbench, the suite's run(), teardown.
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser } from './chromium.mjs';
import { startCodeServer, tail } from './code-server.mjs';
import { fixtureWorkspace, logsDir, repoRoot, screenshotsDir, slug } from './paths.mjs';
import { createSandbox, DEFAULT_THEME } from './sandbox.mjs';
import { servePageRequests } from './page-requests.mjs';

const DEFAULT_TIMEOUT_S = 600;

/**
 * The window's log carries the suite's output (mocha's reporter, console.* in the extension host) and the
 * workbench's own start-up notes, all at level info. The notes go to the log file only.
 */
const WORKBENCH_CHATTER = [
  /^Resolving connection token/,
  /^Resolved connection token/,
  /^Creating a socket \(/,
  /^Ignoring fetching additional builtin extensions/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /^Creation of workbench contribution '.*' took \d+ms/,
];

/** Teardowns of the sessions in flight, run when the runner is interrupted. */
const teardowns = new Set();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, async () => {
    console.error(`\n[runner] ${signal}: stopping code-server and Chromium...`);
    await Promise.allSettled([...teardowns].map((teardown) => teardown()));
    process.exit(130);
  });
}

export function sessionTimeoutMs() {
  const seconds = Number(process.env.FLAMELENS_TEST_TIMEOUT_S || DEFAULT_TIMEOUT_S);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_TIMEOUT_S) * 1000;
}

/**
 * Runs the suite at `testsPath` (a module exporting `run(): Promise<void>`) in code-server's extension
 * host and resolves with its exit code (0: all passed).
 *
 * - `developmentPath`: the extension folder loaded as in "Run Extension" (omit to test only what is installed).
 * - `prepare(sandbox)`: runs before code-server starts, e.g. to install a .vsix into `sandbox.dirs.extensions`.
 * - `env`: extra environment for code-server, hence for the extension host and the suite.
 */
export async function runHostSession({
  label,
  theme = DEFAULT_THEME,
  developmentPath,
  testsPath,
  grep,
  env = {},
  prepare,
  timeoutMs = sessionTimeoutMs(),
}) {
  mkdirSync(screenshotsDir, { recursive: true });
  mkdirSync(logsDir, { recursive: true });
  const logBase = join(logsDir, slug(label));
  for (const suffix of ['-window.log', '-browser.log', '-timeout.png']) rmSync(`${logBase}${suffix}`, { force: true });
  const say = (text) => console.log(`[runner] ${text}`);
  const sandbox = createSandbox({ theme, workspace: fixtureWorkspace });
  let server;
  let browser;
  let pageRequests;

  const teardown = async () => {
    teardowns.delete(teardown);
    await pageRequests?.stop().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop().catch((error) => say(`could not stop code-server: ${error.message}`));
    sandbox.remove();
  };
  teardowns.add(teardown);

  const started = Date.now();
  try {
    await prepare?.(sandbox);
    // Without an extension under development the web client ignores extensionTestsPath: the empty
    // sandbox.dirs.extension stands in, and only the installed extensions load.
    const extensionDir = developmentPath ? sandbox.stageExtension(developmentPath) : sandbox.dirs.extension;
    server = await startCodeServer({
      sandbox,
      folder: sandbox.dirs.workspace,
      logFile: `${logBase}-code-server.log`,
      env: {
        FLAMELENS_REPO: repoRoot,
        FLAMELENS_TEST_ARTIFACTS: screenshotsDir,
        FLAMELENS_TEST_REQUESTS: sandbox.dirs.requests,
        FLAMELENS_TEST_THEME: theme,
        FLAMELENS_TEST_GREP: grep ?? '',
        // Which copy of Flamelens the tests must find running: the staged development folder or the installed one.
        FLAMELENS_EXPECT_EXTENSION_DIR: developmentPath ? extensionDir : sandbox.dirs.extensions,
        ...env,
      },
    });
    const opened = await openBrowser({
      sandbox,
      browserLogFile: `${logBase}-browser.log`,
      onHostLog: (type, text) => {
        const line = type === 'info' || type === 'log' ? text : `[${type}] ${text}`;
        appendFileSync(`${logBase}-window.log`, `${line}\n`);
        if (!WORKBENCH_CHATTER.some((pattern) => pattern.test(text))) console.log(line);
      },
    });
    browser = opened.browser;
    pageRequests = servePageRequests({ page: opened.page, requestsDir: sandbox.dirs.requests, screenshotsDir, log: say });

    const payload = [
      ['extensionDevelopmentPath', server.remoteUri(extensionDir)],
      ['extensionTestsPath', server.remoteUri(testsPath)],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(sandbox.dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    say(`${label}: code-server ${server.url}, theme "${theme}"${grep ? `, grep "${grep}"` : ''}`);
    await opened.page.goto(url);

    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([opened.exitCode, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      const shot = `${logBase}-timeout.png`;
      await opened.page.screenshot({ path: shot }).catch(() => undefined);
      say(`${label}: no result after ${timeoutMs / 1000} s (FLAMELENS_TEST_TIMEOUT_S); window at ${shot}; code-server log tail:\n${tail(`${logBase}-code-server.log`)}`);
      return 1;
    }
    const where = outcome === 0 ? '' : `; workbench and server logs: ${logBase}-{window,browser,code-server}.log`;
    say(`${label}: exit code ${outcome} after ${((Date.now() - started) / 1000).toFixed(1)} s${where}`);
    return outcome;
  } catch (error) {
    say(`${label}: ${error.message}`);
    return 1;
  } finally {
    await teardown();
  }
}
