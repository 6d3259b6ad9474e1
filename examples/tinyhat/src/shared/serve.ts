// Starts an Express app on loopback and stops it cleanly on SIGTERM/SIGINT, so launchers can end services by signal.

import type { Express } from 'express';
import { listenPort } from './config';

export function serve(app: Express, name: string): void {
  const port = listenPort();
  const server = app.listen(port, '127.0.0.1', () => {
    process.stdout.write(`${name} listening on 127.0.0.1:${port}\n`);
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    process.stderr.write(`${name}: cannot listen on 127.0.0.1:${port}: ${err.code ?? err.message}\n`);
    process.exit(1);
  });
  const stop = (): void => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
