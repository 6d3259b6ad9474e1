// What the view shows instead of a graph: loading, empty and error states, each with a plain message.

import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import { el } from './dom';

export type StatusKind = 'loading' | 'empty' | 'error';

const HEADING: Record<StatusKind, string> = {
  loading: 'Loading profile',
  empty: 'Nothing to show',
  error: 'Cannot show this profile',
};

export class StatusPanel {
  readonly root = el('div', 'flame-status');

  constructor(private readonly onRefresh: () => void) {
    this.root.hidden = true;
    this.root.setAttribute('role', 'status');
  }

  show(kind: StatusKind, message: string): void {
    const parts: Node[] = [];
    if (kind === 'loading') parts.push(document.createElement('vscode-progress-ring'));
    parts.push(el('h2', 'flame-status-heading', HEADING[kind]), el('p', 'flame-status-message', message));
    if (kind !== 'loading') {
      const retry = document.createElement('vscode-button');
      retry.secondary = true;
      retry.textContent = kind === 'error' ? 'Try again' : 'Refresh';
      retry.addEventListener('click', () => this.onRefresh());
      parts.push(retry);
    }
    this.root.replaceChildren(...parts);
    this.root.dataset.kind = kind;
    this.root.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    this.root.hidden = false;
  }

  hide(): void {
    this.root.hidden = true;
    this.root.replaceChildren();
  }
}
