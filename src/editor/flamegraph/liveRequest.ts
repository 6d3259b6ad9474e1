// A profile request for a live source: the stack traces of a window, optionally narrowed to a namespace or pod.

import type { LiveSource } from '../../sources/liveSource';
import type { Scope, TimeWindow } from '../pickers';
import type { ProfileRequest } from './profileRequest';

export function liveProfileRequest(source: LiveSource, window: TimeWindow, scope: Scope): ProfileRequest {
  const title = `${source.label} · ${window.text}${scope.namespace || scope.pod ? ` · ${scope.label}` : ''}`;
  return {
    title,
    ref: {
      kind: 'live',
      source: source.config.kind === 'local' ? 'local' : 'pixie',
      windowSeconds: window.seconds,
      label: title,
      namespace: scope.namespace,
      pod: scope.pod,
    },
    async load({ signal, report }) {
      report(`running the stack-trace script over the last ${window.text}`);
      return source.fetchProfile({
        windowSeconds: window.seconds,
        namespace: scope.namespace,
        pod: scope.pod,
        signal,
        onProgress: (p) => report(`${p.rows.toLocaleString()} rows, ${p.uniqueStacks.toLocaleString()} unique stacks`),
      });
    },
  };
}
