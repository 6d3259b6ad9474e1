#!/usr/bin/env node
// `npm run test:desktop`: the same host suite in desktop VS Code through @vscode/test-electron (which downloads VS Code unless told which to use).
//
// Environment:
//   FLAMELENS_VSCODE_EXECUTABLE  a VS Code executable to use instead of downloading one; test/runner/code-server-shim.mjs
//                                plays that part with code-server, for machines that cannot download VS Code
//   FLAMELENS_VSCODE_VERSION     the VS Code to download (default "stable")
//   FLAMELENS_TEST_GREP, FLAMELENS_TEST_THEME  as for npm run test:host
import { existsSync } from 'node:fs';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { fixtureWorkspace, hostSuiteEntry, repoRoot } from './paths.mjs';
import { createSandbox, DEFAULT_THEME } from './sandbox.mjs';

async function main() {
  if (!existsSync(hostSuiteEntry)) {
    console.error(`[desktop] ${hostSuiteEntry} is missing: build it with \`node scripts/build.mjs\` (npm run test:desktop does).`);
    return 1;
  }
  const executable = process.env.FLAMELENS_VSCODE_EXECUTABLE;
  if (executable && !existsSync(executable)) {
    console.error(`[desktop] FLAMELENS_VSCODE_EXECUTABLE=${executable} does not exist.`);
    return 1;
  }
  // Screenshots need a runner that owns the window; desktop VS Code has none (unless the shim brings its own).
  delete process.env.FLAMELENS_TEST_ARTIFACTS;
  delete process.env.FLAMELENS_TEST_REQUESTS;

  const sandbox = createSandbox({ theme: process.env.FLAMELENS_TEST_THEME || DEFAULT_THEME, workspace: fixtureWorkspace });
  try {
    await runTests({
      vscodeExecutablePath: executable || undefined,
      version: process.env.FLAMELENS_VSCODE_VERSION || undefined,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: hostSuiteEntry,
      launchArgs: [sandbox.dirs.workspace, '--disable-extensions', `--user-data-dir=${sandbox.dirs.userData}`, `--extensions-dir=${sandbox.dirs.extensions}`],
      extensionTestsEnv: {
        FLAMELENS_REPO: repoRoot,
        FLAMELENS_TEST_GREP: process.env.FLAMELENS_TEST_GREP ?? '',
        FLAMELENS_EXPECT_EXTENSION_DIR: repoRoot,
      },
    });
    return 0;
  } catch (error) {
    if (error instanceof TestRunFailedError) {
      console.error(`[desktop] ${error.message}`);
    } else if (!executable) {
      console.error(
        `[desktop] Could not get desktop VS Code: ${error?.message ?? error}\n` +
          '[desktop] @vscode/test-electron downloads it from update.code.visualstudio.com. Without access to it, set\n' +
          '[desktop] FLAMELENS_VSCODE_EXECUTABLE to an installed VS Code (or to test/runner/code-server-shim.mjs), or run npm run test:host.',
      );
    } else {
      console.error(`[desktop] ${executable} failed: ${error?.message ?? error}`);
    }
    return 1;
  } finally {
    sandbox.remove();
  }
}

process.exit(await main());
