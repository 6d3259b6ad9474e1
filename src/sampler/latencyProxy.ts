// A transparent reverse proxy in front of one service: passes every request through and records its latency and status.

import { Agent, createServer, IncomingHttpHeaders, request, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpEvent {
  /** When the request arrived (ms since epoch). */
  timeMs: number;
  method: string;
  /** Path as requested, query string included (as Pixie's req_path). */
  path: string;
  status: number;
  /** From the request's arrival to the last byte of the response, in ns. */
  latencyNs: number;
}

/** Headers that belong to one connection, not to the request; a proxy must not pass them on. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (!HOP_BY_HOP.has(k)) out[k] = v;
  return out;
}

export class LatencyProxy {
  private readonly server: Server;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(
    private readonly targetPort: number,
    private readonly onEvent: (event: HttpEvent) => void,
  ) {
    this.server = createServer((req, res) => {
      const started = process.hrtime.bigint();
      const timeMs = Date.now();
      let status = 0;
      let recorded = false;
      const record = (): void => {
        if (recorded) return;
        recorded = true;
        this.onEvent({ timeMs, method: req.method ?? 'GET', path: req.url ?? '/', status, latencyNs: Number(process.hrtime.bigint() - started) });
      };
      const upstream = request(
        { host: '127.0.0.1', port: this.targetPort, method: req.method, path: req.url, headers: endToEnd(req.headers), agent: this.agent },
        (answer) => {
          status = answer.statusCode ?? 502;
          res.writeHead(status, answer.statusMessage, endToEnd(answer.headers));
          answer.pipe(res);
        },
      );
      upstream.on('error', (err) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        status = 502;
        res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`flamelens proxy: the service on 127.0.0.1:${this.targetPort} is unreachable (${(err as NodeJS.ErrnoException).code ?? err.message})\n`);
      });
      res.on('finish', record);
      res.on('close', () => {
        // The client went away mid-answer: the request still happened, and took this long.
        if (!res.writableFinished) {
          upstream.destroy();
          if (status === 0) status = 499;
          record();
        }
      });
      req.pipe(upstream);
    });
    this.server.keepAliveTimeout = 5000;
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => {
        reject(new Error(`cannot listen on 127.0.0.1:${port} for the latency proxy: ${err.code === 'EADDRINUSE' ? 'the port is in use' : err.message}`));
      };
      this.server.once('error', onError);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', onError);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    this.agent.destroy();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
