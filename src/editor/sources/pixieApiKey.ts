// The Pixie API key, kept in VS Code's SecretStorage only: never in settings, logs or messages.

import * as vscode from 'vscode';

const SECRET_KEY = 'flamelens.pixie.apiKey';

export class PixieApiKey {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    secrets.onDidChange((e) => {
      if (e.key === SECRET_KEY) this.changed.fire();
    });
  }

  get(): Thenable<string | undefined> {
    return this.secrets.get(SECRET_KEY);
  }

  async set(value: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, value);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }

  /** Asks for the key (masked) and stores it; returns whether one was stored. */
  async prompt(): Promise<boolean> {
    const value = await vscode.window.showInputBox({
      title: 'Pixie API key',
      prompt: 'Create one with `px api-key create` or in Pixie Cloud (Admin > API Keys). It is stored in VS Code\'s secret storage.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim().length < 8 ? 'That does not look like a Pixie API key.' : undefined),
    });
    if (!value) return false;
    await this.set(value.trim());
    return true;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
