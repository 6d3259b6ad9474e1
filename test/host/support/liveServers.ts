// Live sources for host tests: the Vizier and Kubernetes API test servers run inside the extension host, and the settings, key and panels around them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { KubeApiServer, KubeApiServerOptions, startKubeApiServer } from '../../support/kubeApiServer';
import { startVizierTestServer, VizierTestServer, VizierTestServerOptions } from '../../support/vizierServer';
import { askRunner, PageRequest, requestsDir } from './runner';
import { waitFor } from './wait';

/** The flamelens.* settings these tests point at the servers. */
export type LiveSetting = 'source' | 'local.address' | 'pixie.mode' | 'pixie.cloudAddress' | 'pixie.clusterId' | 'pixie.caFile' | 'kubeconfig' | 'kubeContext';

/**
 * What a test started or changed, undone by `release()` in afterEach so other test files see the
 * workbench as they expect: user settings back to unset, the key removed, servers and files gone.
 */
export class LiveServers {
  private readonly vizierServers: VizierTestServer[] = [];
  private readonly kubeServers: KubeApiServer[] = [];
  private readonly changedSettings = new Set<LiveSetting>();
  private readonly dirs: string[] = [];
  private keyStored = false;

  async vizier(options: VizierTestServerOptions = {}): Promise<VizierTestServer> {
    const server = await startVizierTestServer(options);
    this.vizierServers.push(server);
    return server;
  }

  async kube(options: KubeApiServerOptions): Promise<KubeApiServer> {
    const server = await startKubeApiServer(options);
    this.kubeServers.push(server);
    return server;
  }

  /** Sets user settings and waits until the extension host reads them (the source is remade on the change). */
  async configure(values: Partial<Record<LiveSetting, string>>): Promise<void> {
    const config = vscode.workspace.getConfiguration('flamelens');
    for (const [key, value] of Object.entries(values) as [LiveSetting, string][]) {
      this.changedSettings.add(key);
      await config.update(key, value, vscode.ConfigurationTarget.Global);
    }
    await waitFor('the flamelens settings to take effect', () => {
      const now = vscode.workspace.getConfiguration('flamelens');
      return Object.entries(values).every(([key, value]) => now.get(key) === value);
    });
  }

  /** A PEM file in a folder of its own (removed by release()). */
  writePem(name: string, pem: Buffer | string): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'flamelens-host-'));
    this.dirs.push(dir);
    const file = path.join(dir, name);
    writeFileSync(file, pem);
    return file;
  }

  /**
   * Runs "Flamelens: Set Pixie API Key" and types `key` into its input box in the browser, key by key, then
   * Enter, as a user does. Returns whether the command stored it, and how the box looked (its title, and
   * whether it masks what is typed).
   */
  async storeApiKey(key: string): Promise<{ stored: boolean; title: string; masked: boolean }> {
    this.keyStored = true;
    const stored = vscode.commands.executeCommand<boolean>('flamelens.setPixieApiKey');
    try {
      const title = await waitFor(
        'the "Pixie API key" input box',
        async () => (await askPage<string[]>({ kind: 'read', selector: '.quick-input-widget .quick-input-title' }))?.find((t) => /Pixie API key/i.test(t)),
        { timeoutMs: 15_000 },
      );
      const masked = ((await askPage<string[]>({ kind: 'read', selector: '.quick-input-widget .quick-input-box input[type="password"]' })) ?? []).length === 1;
      for (const character of key) await askPage({ kind: 'press', key: character });
      await askPage({ kind: 'press', key: 'Enter' });
      return { stored: (await within('"Set Pixie API Key" to return after Enter', stored)) === true, title, masked };
    } catch (err) {
      // Leave no box open for the next test.
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      throw err;
    }
  }

  /** Undoes everything: settings first (which drops the source and its port-forward), then the key, the servers, the files. */
  async release(): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const config = vscode.workspace.getConfiguration('flamelens');
    for (const key of this.changedSettings) await config.update(key, undefined, vscode.ConfigurationTarget.Global);
    const reset = [...this.changedSettings];
    this.changedSettings.clear();
    await waitFor('the flamelens settings to be reset', () => reset.every((key) => vscode.workspace.getConfiguration('flamelens').inspect(key)?.globalValue === undefined));
    if (this.keyStored) await vscode.commands.executeCommand('flamelens.clearPixieApiKey');
    this.keyStored = false;
    await Promise.all([...this.vizierServers.splice(0), ...this.kubeServers.splice(0)].map((s) => s.close()));
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    await vscode.commands.executeCommand('notifications.clearAll');
  }
}

/** `127.0.0.1:PORT` where nothing listens: a port the system just gave out and took back. */
export async function closedAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

/** The text of the Flamelens log, once `until` holds for it (shown in the Output panel, as a user reads it). */
export async function flamelensLog(until: (text: string) => boolean): Promise<string> {
  await vscode.commands.executeCommand('flamelens.showLog');
  try {
    return await waitFor('the Flamelens log to say what happened', () => {
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'output' && /flamelens/i.test(e.document.uri.path));
      const text = editor?.document.getText();
      return text !== undefined && until(text) ? text : undefined;
    });
  } finally {
    // The Output panel would otherwise stay open under the webviews of later tests (and in their screenshots).
    await vscode.commands.executeCommand('workbench.action.closePanel');
  }
}

/** What `promise` resolves to, or a failure naming `what` if it has not settled within `timeoutMs`: a command must never hang. */
export async function within<T>(what: string, promise: Thenable<T>, timeoutMs = 20_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still pending after ${timeoutMs / 1000} s.`)), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve(promise), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

let pageRequests = 0;

/** One request to the runner, which alone reaches the browser page. */
function askPage<T>(request: PageRequest): Promise<T | undefined> {
  const dir = requestsDir();
  if (!dir) throw new Error(`A ${request.kind} request needs the browser, which only the code-server runner drives (npm run test:host).`);
  pageRequests += 1;
  return askRunner<T>(dir, `live-${request.kind}-${process.pid}-${pageRequests}`, request);
}
