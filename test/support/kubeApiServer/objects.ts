// Kubernetes API objects as the real API server serializes them: metadata, List kinds and Status errors.

import { randomUUID } from 'node:crypto';

export type KubeObject = Record<string, unknown> & { metadata: ObjectMeta };

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  labels?: Record<string, string>;
  [key: string]: unknown;
}

/** Hands out increasing resourceVersions, as etcd revisions do. */
export class ResourceVersions {
  private next = 1000;
  take(): string {
    this.next += 7;
    return String(this.next);
  }
  current(): string {
    return String(this.next);
  }
}

export function objectMeta(versions: ResourceVersions, name: string, namespace?: string, labels?: Record<string, string>): ObjectMeta {
  const meta: ObjectMeta = {
    name,
    ...(namespace ? { namespace } : {}),
    uid: randomUUID(),
    resourceVersion: versions.take(),
    // The API server prints seconds precision, UTC.
    creationTimestamp: new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  if (labels && Object.keys(labels).length > 0) meta.labels = labels;
  return meta;
}

export function list(kind: string, items: KubeObject[], versions: ResourceVersions): Record<string, unknown> {
  // Items in a List omit their own kind/apiVersion, as the API server does.
  const bare = items.map((item) => {
    const { kind: _kind, apiVersion: _apiVersion, ...rest } = item;
    return rest;
  });
  return { kind, apiVersion: 'v1', metadata: { resourceVersion: versions.current() }, items: bare };
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
}

export function status(code: number, reason: string, message: string, details?: StatusDetails): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

export const unauthorized = (): Record<string, unknown> => status(401, 'Unauthorized', 'Unauthorized');

export function notFound(resource: string, name: string): Record<string, unknown> {
  return status(404, 'NotFound', `${resource} "${name}" not found`, { name, kind: resource });
}

export function forbidden(user: string, verb: string, resource: string, namespace: string | undefined, name?: string): Record<string, unknown> {
  const [base, sub] = resource.split('/');
  const subject = name ? `${base} "${name}"` : resource;
  const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  return status(403, 'Forbidden', `${subject} is forbidden: User "${user}" cannot ${verb} resource "${base}${sub ? `/${sub}` : ''}" in API group "" ${scope}`, {
    ...(name ? { name } : {}),
    kind: base,
  });
}

export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
