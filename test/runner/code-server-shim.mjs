#!/usr/bin/env node
// Plays "the VS Code executable" for @vscode/test-electron (FLAMELENS_VSCODE_EXECUTABLE=<this file>): runs the requested tests in code-server instead.
//
// test-electron launches `<executable> [launchArgs] --extensionTestsPath=<suite> --extensionDevelopmentPath=<ext> ...`
// and reads the exit code. This takes those two paths and hands them to the code-server runner, which brings
// its own sandbox, workspace and browser (the other arguments are desktop-only and ignored).
import { runHostSession } from './host-session.mjs';
import { DEFAULT_THEME } from './sandbox.mjs';

/** Every value of `--name=value` on the command line. */
function argument(name) {
  const prefix = `--${name}=`;
  return process.argv.slice(2).filter((arg) => arg.startsWith(prefix)).map((arg) => arg.slice(prefix.length));
}

const [testsPath] = argument('extensionTestsPath');
const developmentPaths = argument('extensionDevelopmentPath');
if (!testsPath || developmentPaths.length !== 1) {
  console.error(`[shim] expected one --extensionTestsPath and one --extensionDevelopmentPath, got: ${process.argv.slice(2).join(' ')}`);
  process.exit(1);
}

const code = await runHostSession({
  label: 'desktop via code-server',
  theme: process.env.FLAMELENS_TEST_THEME || DEFAULT_THEME,
  developmentPath: developmentPaths[0],
  testsPath,
  grep: process.env.FLAMELENS_TEST_GREP || undefined,
});
process.exit(code);
