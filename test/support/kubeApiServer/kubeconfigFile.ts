// Writes a kubeconfig as kubectl does (YAML, certificate-authority-data, token users), for one or several test clusters.

import { writeFileSync } from 'node:fs';

export interface KubeconfigEntry {
  /** Used for the cluster, user and context names. */
  name: string;
  server: string;
  /** PEM of the CA that signed the server's certificate. */
  caPem: string;
  token: string;
  namespace?: string;
}

/** Writes `entries` to `path` (mode 0600) with `current` (default: the first) as current context; returns the path. */
export function writeKubeconfig(path: string, entries: KubeconfigEntry[], current?: string): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = ['apiVersion: v1', 'kind: Config', 'clusters:'];
  for (const e of entries) {
    lines.push(`- name: ${q(e.name)}`, '  cluster:', `    server: ${q(e.server)}`, `    certificate-authority-data: ${Buffer.from(e.caPem).toString('base64')}`);
  }
  lines.push('contexts:');
  for (const e of entries) {
    lines.push(`- name: ${q(e.name)}`, '  context:', `    cluster: ${q(e.name)}`, `    user: ${q(e.name)}`);
    if (e.namespace) lines.push(`    namespace: ${q(e.namespace)}`);
  }
  lines.push(`current-context: ${q(current ?? entries[0]?.name ?? '')}`, 'preferences: {}', 'users:');
  for (const e of entries) lines.push(`- name: ${q(e.name)}`, '  user:', `    token: ${q(e.token)}`);
  writeFileSync(path, `${lines.join('\n')}\n`, { mode: 0o600 });
  return path;
}
