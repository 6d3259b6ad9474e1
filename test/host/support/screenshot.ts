// Screenshots of the workbench and its webview, taken by the runner on a test's request.
import * as path from 'node:path';
import { askRunner, requestsDir } from './runner';

let warnedNoRunner = false;

/**
 * Has the runner write `<artifacts>/<name>.png` (the visible webview, or the whole window when no webview
 * is shown) and `<name>.window.png` (the whole window); returns the first one's path.
 *
 * Without a runner (desktop VS Code via @vscode/test-electron) nothing can take the picture: it says so
 * once and returns undefined, so the rest of the test still runs.
 */
export async function screenshot(name: string, timeoutMs = 30_000): Promise<string | undefined> {
  const dir = requestsDir();
  const artifacts = process.env.FLAMELENS_TEST_ARTIFACTS;
  if (!dir || !artifacts) {
    if (!warnedNoRunner) console.log('(screenshots skipped: no runner serves them in this VS Code; npm run test:host takes them)');
    warnedNoRunner = true;
    return undefined;
  }
  // The .vsix session runs some of the same tests: its pictures get a prefix instead of replacing these.
  const fileName = `${process.env.FLAMELENS_SCREENSHOT_PREFIX ?? ''}${name}`;
  await askRunner(dir, fileName, { kind: 'screenshot' }, timeoutMs);
  return path.join(artifacts, `${fileName}.png`);
}
