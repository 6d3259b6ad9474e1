// What a user does and sees in the browser around a test: modifier-clicks on flamegraph frames, quick picks, toasts, CodeLens.
//
// Only the runner reaches the page (see test/runner/page-requests.mjs); each function here is one request to it.
import { askRunner, Modifier, PageRequest, requestsDir, ShownQuickPick } from './runner';

export type { ShownQuickPick } from './runner';

let requests = 0;

async function ask<T>(what: string, request: PageRequest, timeoutMs?: number): Promise<T | undefined> {
  const dir = requestsDir();
  if (!dir) throw new Error(`${what} needs the browser, which only the code-server runner drives (npm run test:host).`);
  requests += 1;
  return askRunner<T>(dir, `${request.kind}-${process.pid}-${requests}`, request, timeoutMs);
}

/** A CSS string literal holding `text` (frame names hold quotes, backslashes, spaces, `*`). */
function cssString(text: string): string {
  return `"${text.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\a ')}"`;
}

/**
 * Ctrl+clicks (Cmd on a Mac) the frame named `frameName` in the shown flamegraph: d3-flame-graph draws each frame as a
 * `g.frame` with the frame's name in its `name` attribute; the click lands on its rectangle, where a user points.
 */
export async function ctrlClickFrame(frameName: string, modifiers: Modifier[] = ['ControlOrMeta']): Promise<void> {
  const selector = `g.frame[name=${cssString(frameName)}] > rect`;
  await ask(`Ctrl+click on "${frameName}"`, { kind: 'webviewClick', selector, modifiers, timeoutMs: 20_000 }, 40_000);
}

/** The quick pick on screen (waits a little for one to appear); fails when none does. */
export async function shownQuickPick(timeoutMs = 10_000): Promise<ShownQuickPick> {
  const shown = await ask<ShownQuickPick>('Reading the quick pick', { kind: 'quickPick', timeoutMs }, timeoutMs + 20_000);
  if (!shown) throw new Error('The runner answered the quick pick request without the quick pick.');
  return shown;
}

/** Clicks the quick pick row labelled `label`. */
export async function pickQuickItem(label: string): Promise<void> {
  await ask(`Picking "${label}"`, { kind: 'quickPick', pick: label });
}

/** The messages of the notification toasts on screen. */
export async function visibleNotifications(): Promise<string[]> {
  return (await ask<string[]>('Reading the notifications', { kind: 'read', selector: '.notifications-toasts .notification-list-item-message' })) ?? [];
}

/** The CodeLens titles drawn in the visible editors, top to bottom. */
export async function visibleCodeLenses(): Promise<string[]> {
  return (await ask<string[]>('Reading the CodeLens', { kind: 'read', selector: '.monaco-editor .codelens-decoration a' })) ?? [];
}

/** The text of the hover widget on screen (empty when none is shown). */
export async function visibleHoverText(): Promise<string[]> {
  return (await ask<string[]>('Reading the hover', { kind: 'read', selector: '.monaco-hover .hover-contents' })) ?? [];
}

export async function pressKey(key: string): Promise<void> {
  await ask(`Pressing ${key}`, { kind: 'press', key });
}
