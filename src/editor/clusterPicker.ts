// "Flamelens: Select Cluster": lists the kubeconfig's contexts with whether Pixie runs there, and configures the one picked.

import * as vscode from 'vscode';
import type { ClusterInfo, KubeErrorKind } from '../sources/kube';
import { log } from './log';
import { settings } from './sources/sourceSettings';
import { sourcesModule } from './sources/sourcesModule';

/** First words of an unusable context's row: the full message is longer than a quick pick row and repeats the server shown beside it. */
const CONTEXT_FAILURE: Partial<Record<KubeErrorKind, string>> = {
  unreachable: 'API server unreachable',
  tls: 'TLS verification failed',
  unauthorized: 'credentials refused',
  forbidden: 'access forbidden',
  timeout: 'API server did not answer',
  config: 'kubeconfig entry unusable',
};

function describe(c: ClusterInfo): string {
  if (!c.reachable) {
    const lead = (c.error && CONTEXT_FAILURE[c.error.kind]) ?? 'cannot be inspected';
    return `$(error) ${lead}${c.error ? `: ${c.error.message}` : ''}`;
  }
  if (!c.pixie.found) return `$(circle-slash) Pixie not found${c.pixie.reason ? `: ${c.pixie.reason}` : ''}`;
  const modes = [c.pixie.cloudAddress ? `cloud (${c.pixie.cloudAddress})` : 'cloud', c.pixie.directMode ? 'direct' : undefined].filter(Boolean).join(' or ');
  return `$(check) Pixie ${c.pixie.clusterName ?? ''} · ${modes}`;
}

export async function showClusterPicker(extensionPath: string): Promise<boolean> {
  const cfg = settings();
  const kubeconfig = cfg.get<string>('kubeconfig', '') || undefined;
  const discovered = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Flamelens: looking for Pixie in your kubeconfig contexts', cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return sourcesModule(extensionPath).discoverClusters({ kubeconfig, signal: controller.signal });
    },
  );
  type Item = vscode.QuickPickItem & { cluster: ClusterInfo };
  const items: Item[] = discovered.clusters.map((c) => ({
    label: `${c.current ? '$(star-full) ' : ''}${c.context}`,
    description: c.server,
    detail: describe(c),
    cluster: c,
  }));
  if (!items.length) {
    void vscode.window.showWarningMessage(`No contexts in ${discovered.source}.`);
    return false;
  }
  const picked = await vscode.window.showQuickPick(items, { title: `Flamelens: cluster (${discovered.source})`, matchOnDescription: true, matchOnDetail: true });
  if (!picked) return false;
  const c = picked.cluster;
  if (!c.reachable) {
    // The error already says what failed and what to do.
    void vscode.window.showWarningMessage(`Context "${c.context}" cannot be used: ${c.error?.message ?? 'its API server could not be inspected.'}`);
    return false;
  }
  if (!c.pixie.found) {
    void vscode.window.showWarningMessage(`Pixie was not found in context "${c.context}": ${c.pixie.reason ?? 'no Vizier there'}.`);
    return false;
  }
  type ModeItem = vscode.QuickPickItem & { mode: 'cloud' | 'direct' };
  const modes: ModeItem[] = [
    { label: 'Cloud', detail: `Through Pixie Cloud (${c.pixie.cloudAddress ?? 'work.withpixie.ai:443'}) with your API key`, mode: 'cloud' },
  ];
  if (c.pixie.directMode) modes.push({ label: 'Direct', detail: 'Port-forward to the query broker; signs its own token with the cluster secret', mode: 'direct' });
  const mode = modes.length === 1 ? modes[0] : await vscode.window.showQuickPick(modes, { title: `Flamelens: how to reach Pixie in ${c.context}` });
  if (!mode) return false;
  const target = vscode.ConfigurationTarget.Global;
  await cfg.update('kubeContext', c.context, target);
  await cfg.update('pixie.mode', mode.mode, target);
  if (c.pixie.clusterId) await cfg.update('pixie.clusterId', c.pixie.clusterId, target);
  await cfg.update('source', 'pixie', target);
  log().info(`cluster: ${c.context} (${mode.mode})`);
  void vscode.window.showInformationMessage(`Flamelens now uses Pixie in "${c.context}" (${mode.mode}).`);
  return true;
}
