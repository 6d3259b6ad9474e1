// A request for a profile the flamegraph panel can (re)run: a file, or a live source query.

import type { Profile } from '../../core/profile';
import type { ProfileSourceRef } from '../../../webview/protocol';

export interface LoadContext {
  signal: AbortSignal;
  /** Reports progress: a message and, when known, the fraction done (0..1). */
  report(message: string, fraction?: number): void;
}

export interface ProfileRequest {
  /** Title of the panel and of the progress notification. */
  title: string;
  /** What the webview stores so a reloaded window can run the request again. */
  ref: ProfileSourceRef;
  load(ctx: LoadContext): Promise<Profile>;
}
