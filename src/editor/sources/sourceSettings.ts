// Reads the source settings (and the API key) into what the sources need, or a reason they cannot be used yet.

import * as vscode from 'vscode';
import type { LiveSourceConfig } from '../../sources/liveSource';
import { windowForStartTime } from '../../sources/pixie/scripts';
import type { PixieApiKey } from './pixieApiKey';

export type SourceKind = 'local' | 'pixie' | 'file';

export const WINDOW_CHOICES = ['30s', '5m', '15m', '1h'] as const;

export function settings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('flamelens');
}

export function sourceKind(): SourceKind {
  const kind = settings().get<string>('source', 'local');
  return kind === 'pixie' || kind === 'file' ? kind : 'local';
}

/** The default window from the settings, as text (`5m`) and seconds. */
export function defaultWindow(): { text: string; seconds: number } {
  const text = settings().get<string>('window', '5m');
  const seconds = windowForStartTime(text);
  return seconds ? { text, seconds } : { text: '5m', seconds: 300 };
}

export type LiveSourceSetting = { config: LiveSourceConfig } | { unavailable: string; fix?: { title: string; command: string } };

/** What the settings say the live source is; `unavailable` explains what is missing, in words a user can act on. */
export async function liveSourceSetting(apiKey: PixieApiKey): Promise<LiveSourceSetting> {
  const cfg = settings();
  switch (sourceKind()) {
    case 'file':
      return { unavailable: 'flamelens.source is "file": profiles are opened from saved files.' };
    case 'local': {
      const address = cfg.get<string>('local.address', '').trim();
      if (!address) {
        return {
          unavailable: 'No local sampler is configured: start one with `npm run demo` or `flamelens sampler`, then set flamelens.local.address to the address it prints.',
          fix: { title: 'Open Settings', command: 'workbench.action.openSettings' },
        };
      }
      return { config: { kind: 'local', address } };
    }
    case 'pixie': {
      const mode = cfg.get<string>('pixie.mode', 'cloud');
      const kubeconfig = cfg.get<string>('kubeconfig', '').trim() || undefined;
      const context = cfg.get<string>('kubeContext', '').trim() || undefined;
      if (mode === 'direct') return { config: { kind: 'pixie', mode: 'direct', kubeconfig, context } };
      const key = await apiKey.get();
      if (!key) return { unavailable: 'Pixie Cloud needs an API key.', fix: { title: 'Set Pixie API Key', command: 'flamelens.setPixieApiKey' } };
      const clusterId = cfg.get<string>('pixie.clusterId', '').trim();
      if (!clusterId) {
        return { unavailable: 'Pixie Cloud needs the cluster id: pick the cluster.', fix: { title: 'Select Cluster', command: 'flamelens.selectCluster' } };
      }
      const cloudAddress = cfg.get<string>('pixie.cloudAddress', '').trim() || 'work.withpixie.ai:443';
      const caFile = cfg.get<string>('pixie.caFile', '').trim() || undefined;
      return { config: { kind: 'pixie', mode: 'cloud', cloudAddress, apiKey: key, clusterId, caFile } };
    }
  }
}

/** Status-bar label of the configured source, read from settings alone (no connection needed). */
export function sourceLabel(): string {
  const cfg = settings();
  switch (sourceKind()) {
    case 'file':
      return 'file';
    case 'local':
      return `local${cfg.get<string>('local.address', '') ? '' : ' (not running)'}`;
    case 'pixie': {
      const mode = cfg.get<string>('pixie.mode', 'cloud');
      const cluster = mode === 'direct' ? cfg.get<string>('kubeContext', '') || 'current context' : cfg.get<string>('pixie.clusterId', '').slice(0, 8) || 'no cluster';
      return `pixie ${mode} · ${cluster}`;
    }
  }
}
