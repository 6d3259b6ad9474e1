// Runs the Vizier test server on its own for manual checks: `npx tsx test/support/vizierServer/serve.ts [--tls] [--rows N]`.
// Prints `address` (and with --tls the path of the CA file to trust) and serves until stopped.

import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startVizierTestServer } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tls: { type: 'boolean', default: false },
      rows: { type: 'string' },
      'unique-stacks': { type: 'string', default: '5000' },
      'api-key': { type: 'string' },
    },
  });
  const rows = values.rows ? Number(values.rows) : undefined;
  const server = await startVizierTestServer({
    tls: values.tls,
    auth: values['api-key'] ? { apiKey: values['api-key'] } : undefined,
    respond: rows ? () => ({ kind: 'generatedStacks', rows, uniqueStacks: Number(values['unique-stacks']) }) : undefined,
  });
  process.stdout.write(`${server.address}\n`);
  if (server.ca) {
    const caFile = join(tmpdir(), `flamelens-test-ca-${server.port}.pem`);
    writeFileSync(caFile, server.ca);
    process.stdout.write(`${caFile}\n`);
  }
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
