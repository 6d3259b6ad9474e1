// The admin service's view of the upload service: pending hats and where their pictures live.

import { callPeer } from '../shared/peer';
import { peerUrl } from '../shared/config';

export interface PendingHat {
  id: number;
  name: string;
  createdAt: string;
}

export async function fetchPendingHats(): Promise<PendingHat[]> {
  const res = await callPeer(`${peerUrl('upload-service')}/hats?status=pending`);
  return (await res.json()) as PendingHat[];
}

export function hatImageUrl(hat: PendingHat): string {
  return `${peerUrl('upload-service')}/hats/${hat.id}/image`;
}

export async function approveHat(id: number): Promise<void> {
  await callPeer(`${peerUrl('upload-service')}/hats/${id}/approve`, { method: 'POST' });
}
