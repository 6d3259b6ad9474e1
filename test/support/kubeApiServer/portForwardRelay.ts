// The kubelet side of a WebSocket port-forward (v4.channel.k8s.io): relays channel 0 to a TCP target, reports failures on channel 1.

import { connect, Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { TcpTarget } from './scenario';

export const PORT_FORWARD_PROTOCOL = 'v4.channel.k8s.io';

const DATA = 0;
const ERROR = 1;

/**
 * One forwarded connection: announce the port on both channels (2 bytes little-endian, as the
 * first message of each), then pipe bytes both ways until either side closes.
 */
export function relayPortForward(ws: WebSocket, podLabel: string, port: number, target: TcpTarget | undefined): void {
  const portBytes = Buffer.alloc(2);
  portBytes.writeUInt16LE(port, 0);
  ws.send(Buffer.concat([Buffer.from([DATA]), portBytes]));
  ws.send(Buffer.concat([Buffer.from([ERROR]), portBytes]));

  const fail = (reason: string) => {
    // Wording of the kubelet's message when the pod port cannot be dialled.
    const text = `error forwarding port ${port} to pod ${podLabel}: failed to connect to localhost:${port} inside the pod's network namespace: ${reason}`;
    if (ws.readyState === ws.OPEN) {
      ws.send(Buffer.concat([Buffer.from([ERROR]), Buffer.from(text, 'utf8')]));
      ws.close(1000);
    }
  };
  if (!target) {
    fail(`dial tcp4 127.0.0.1:${port}: connect: connection refused`);
    return;
  }

  let tcp: Socket | undefined = connect(target.port, target.host);
  tcp.on('data', (chunk: Buffer) => {
    if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([DATA]), chunk]));
  });
  tcp.on('error', (err: NodeJS.ErrnoException) => {
    tcp = undefined;
    fail(`dial tcp4 ${target.host}:${target.port}: connect: ${err.code === 'ECONNREFUSED' ? 'connection refused' : err.message}`);
  });
  tcp.on('close', () => {
    tcp = undefined;
    if (ws.readyState === ws.OPEN) ws.close(1000);
  });
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary || data.length === 0) return;
    if (data[0] === DATA && data.length > 1) tcp?.write(data.subarray(1));
  });
  ws.on('close', () => {
    tcp?.end();
    tcp = undefined;
  });
  ws.on('error', () => tcp?.destroy());
}
