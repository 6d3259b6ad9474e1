// The quick picks of Show Flamegraph and Show Service Latency: time window, then scope.

import * as vscode from 'vscode';
import type { LiveSource } from '../sources/liveSource';
import { windowForStartTime } from '../sources/pixie/scripts';
import { log } from './log';
import { defaultWindow, settings, WINDOW_CHOICES } from './sources/sourceSettings';
import { sourcesModule } from './sources/sourcesModule';

export interface TimeWindow {
  text: string;
  seconds: number;
}

export async function pickWindow(): Promise<TimeWindow | undefined> {
  const current = defaultWindow().text;
  const items = WINDOW_CHOICES.map((w) => ({ label: w, description: w === current ? 'default (flamelens.window)' : undefined }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Flamelens: time window',
    placeHolder: 'How far back to look',
    activeItems: items.filter((i) => i.label === current),
  } as vscode.QuickPickOptions);
  if (!picked) return undefined;
  return { text: picked.label, seconds: windowForStartTime(picked.label)! };
}

export interface Scope {
  namespace?: string;
  pod?: string;
  label: string;
}

/**
 * Scope: the whole cluster, a namespace or a pod. Namespaces and pods come from the
 * Kubernetes API in Pixie modes; the local sampler has no API server, so there the
 * pickers list what the manifest-attributed profile shows (narrowing then happens in the view).
 */
export async function pickScope(source: LiveSource, extensionPath: string, knownNamespaces: string[] = []): Promise<Scope | undefined> {
  type Item = vscode.QuickPickItem & { scope?: Scope; next?: 'namespace' | 'pod' };
  const items: Item[] = [
    { label: '$(globe) Whole cluster', description: 'narrow by namespace, pod or container in the view', scope: { label: 'cluster' } },
    { label: '$(symbol-namespace) Namespace…', next: 'namespace' },
    { label: '$(package) Pod…', next: 'pod' },
  ];
  const first = await vscode.window.showQuickPick(items, { title: 'Flamelens: scope' });
  if (!first) return undefined;
  if (first.scope) return first.scope;
  const namespaces = await listNamespaces(source, extensionPath, knownNamespaces);
  const namespace = await vscode.window.showQuickPick(namespaces.length ? namespaces : ['default'], {
    title: 'Flamelens: namespace',
    placeHolder: namespaces.length ? 'Namespace' : 'No namespaces could be listed; type one',
  });
  if (!namespace) return undefined;
  if (first.next === 'namespace') return { namespace, label: `namespace ${namespace}` };
  const pods = await listPods(source, extensionPath, namespace);
  if (!pods.length) {
    const typed = await vscode.window.showInputBox({ title: `Flamelens: pod in ${namespace}`, prompt: 'No pods could be listed; type a pod name (or part of it)' });
    return typed ? { namespace, pod: typed, label: `pod ${typed}` } : undefined;
  }
  const pod = await vscode.window.showQuickPick(pods, { title: `Flamelens: pod in ${namespace}` });
  return pod ? { namespace, pod, label: `pod ${pod}` } : undefined;
}

async function listNamespaces(source: LiveSource, extensionPath: string, known: string[]): Promise<string[]> {
  if (source.config.kind !== 'pixie') return known;
  try {
    return await sourcesModule(extensionPath).listNamespaces(kubeTarget());
  } catch (err) {
    log().warn(`cannot list namespaces: ${err instanceof Error ? err.message : String(err)}`);
    return known;
  }
}

async function listPods(source: LiveSource, extensionPath: string, namespace: string): Promise<string[]> {
  if (source.config.kind !== 'pixie') return [];
  try {
    const pods = await sourcesModule(extensionPath).listPods(kubeTarget(), namespace);
    return pods.map((p) => p.name);
  } catch (err) {
    log().warn(`cannot list pods of ${namespace}: ${err instanceof Error ? err.message : String(err)}`);
    return [];
  }
}

function kubeTarget(): { kubeconfig?: string; context?: string } {
  const cfg = settings();
  return { kubeconfig: cfg.get<string>('kubeconfig', '') || undefined, context: cfg.get<string>('kubeContext', '') || undefined };
}
