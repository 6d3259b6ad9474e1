// After a window reload: the request that reloads what a restored flamegraph panel showed.

import type { FlamegraphViewState } from '../../../webview/protocol';
import { startTimeForWindow } from '../../sources/pixie/scripts';
import { isUnavailable, SourceConnection } from '../sources/connection';
import { fileProfileRequest } from './fileRequest';
import { liveProfileRequest } from './liveRequest';
import type { ProfileRequest } from './profileRequest';

export async function restoreRequest(state: FlamegraphViewState, connection: SourceConnection): Promise<ProfileRequest | undefined> {
  const ref = state.source;
  if (!ref) return undefined;
  if (ref.kind === 'file') return fileProfileRequest(ref.path);
  const source = await connection.current();
  if (isUnavailable(source)) return undefined;
  const text = startTimeForWindow(ref.windowSeconds).slice(1);
  const scope = { namespace: ref.namespace, pod: ref.pod, label: ref.pod ? `pod ${ref.pod}` : ref.namespace ? `namespace ${ref.namespace}` : 'cluster' };
  return liveProfileRequest(source, { text, seconds: ref.windowSeconds }, scope);
}
