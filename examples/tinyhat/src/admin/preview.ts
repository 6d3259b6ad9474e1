// Asks the manipulation service for a hat's preview (a sample head wearing the hat).

import { callPeer } from '../shared/peer';
import { peerUrl } from '../shared/config';
import { hatImageUrl, PendingHat } from './hats';

/** One POST /manipulate: the manipulation service fetches the picture and renders the preview PNG. */
export async function createSampleImage(hat: PendingHat): Promise<Buffer> {
  const res = await callPeer(`${peerUrl('manipulation-service')}/manipulate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ imageUrl: hatImageUrl(hat), rotate: -12 }),
  });
  return Buffer.from(await res.arrayBuffer());
}
