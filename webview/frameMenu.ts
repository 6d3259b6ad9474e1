// The right-click menu on a frame: our own small menu, keyboard-operable, text only.

import { el } from './dom';

export interface MenuAction {
  label: string;
  enabled: boolean;
  run: () => void;
}

export class FrameMenu {
  private readonly root = el('div', 'flame-menu');
  private restoreFocus: HTMLElement | null = null;

  constructor() {
    this.root.setAttribute('role', 'menu');
    this.root.hidden = true;
    this.root.addEventListener('keydown', (e) => this.onKey(e));
    document.body.appendChild(this.root);
    document.addEventListener('mousedown', (e) => {
      if (this.isOpen && !this.root.contains(e.target as Node)) this.close();
    });
    window.addEventListener('blur', () => this.close());
    window.addEventListener('resize', () => this.close());
    document.addEventListener('scroll', () => this.close(), true);
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  open(x: number, y: number, actions: MenuAction[]): void {
    this.restoreFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const items = actions.map((action) => {
      const item = el('button', 'flame-menu-item', action.label);
      item.type = 'button';
      item.setAttribute('role', 'menuitem');
      item.disabled = !action.enabled;
      item.addEventListener('click', () => {
        this.close();
        action.run();
      });
      return item;
    });
    this.root.replaceChildren(...items);
    this.root.hidden = false;
    const { offsetWidth: w, offsetHeight: h } = this.root;
    this.root.style.left = `${Math.max(0, Math.min(x, window.innerWidth - w - 2))}px`;
    this.root.style.top = `${Math.max(0, Math.min(y, window.innerHeight - h - 2))}px`;
    items.find((i) => !i.disabled)?.focus();
  }

  close(): void {
    if (!this.isOpen) return;
    this.root.hidden = true;
    this.restoreFocus?.focus();
    this.restoreFocus = null;
  }

  private onKey(e: KeyboardEvent): void {
    const items = [...this.root.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const step = e.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      this.close();
    } else {
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  }
}
