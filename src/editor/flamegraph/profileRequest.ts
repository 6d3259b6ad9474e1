// A request for a profile the flamegraph panel can (re)run: a file, or a live source query.

import type { Profile } from '../../core/profile';
import type { LoadProgress } from '../cancellableLoad';
import type { ProfileSourceRef } from '../../../webview/protocol';

export interface ProfileRequest {
  /** Title of the panel and of the progress notification. */
  title: string;
  /** What the webview stores so a reloaded window can run the request again. */
  ref: ProfileSourceRef;
  load(progress: LoadProgress): Promise<Profile>;
}
