import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { fetchLatency } from '../../../src/sources/pixie/fetchLatency';
import { fetchProfile } from '../../../src/sources/pixie/fetchProfile';
import { STACK_TRACE_COLUMNS } from '../../../src/sources/pixie/scripts';
import { VizierClient } from '../../../src/sources/pixie/vizierClient';
import { VizierError, VizierErrorKind } from '../../../src/sources/pixie/vizierError';
import {
  makeTestCertificates,
  signBearerToken,
  stackTraceFixture,
  startVizierTestServer,
  VizierTestServer,
} from '../../support/vizierServer';
import { plaintextEndpoint, tlsEndpoint } from './endpoints';

async function failure(promise: Promise<unknown>, kind: VizierErrorKind): Promise<VizierError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof VizierError, `expected a VizierError, got ${String(err)}`);
    assert.equal(err.kind, kind, err.message);
    return err;
  }
  assert.fail(`expected a '${kind}' failure, but the call succeeded`);
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const API_KEY = 'px-api-9f8e7d6c-5b4a-3210-fedc-ba9876543210';
const SIGNING_KEY = 'cluster-jwt-signing-key-0123456789';

describe('Vizier client: faults become clear VizierErrors', () => {
  describe('connection', () => {
    it('says it cannot reach a server that is down', async () => {
      const port = await closedPort();
      const endpoint = { address: `127.0.0.1:${port}`, tls: { insecure: true as const }, metadata: { 'pixie-api-key': API_KEY }, label: 'gone' };
      const err = await failure(fetchProfile(endpoint, { windowSeconds: 300 }), 'unavailable');
      assert.match(err.message, new RegExp(`^Cannot reach Vizier at 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
      assert.ok(!err.message.includes(API_KEY));
      const client = new VizierClient(endpoint);
      await failure(client.healthCheck(), 'unavailable').finally(() => client.close());
    });

    it('explains a TLS server whose certificate the given CA did not sign', async () => {
      const server = await startVizierTestServer({ tls: true });
      try {
        const otherCa = makeTestCertificates(['localhost', 'other-ca.test']).ca;
        const err = await failure(fetchProfile(tlsEndpoint(server, { tls: { ca: otherCa } }), { windowSeconds: 300 }), 'unavailable');
        assert.match(err.message, /TLS handshake failed.*--ca FILE/);
        await failure(fetchProfile(plaintextEndpoint(server), { windowSeconds: 300 }), 'unavailable');
      } finally {
        await server.close();
      }
    });
  });

  describe('credentials', () => {
    it('says the API key was refused, without showing it', async () => {
      const server = await startVizierTestServer({ auth: { apiKey: 'the-right-key-000' } });
      try {
        const err = await failure(fetchProfile(plaintextEndpoint(server, { metadata: { 'pixie-api-key': API_KEY } }), { windowSeconds: 300 }), 'unauthenticated');
        assert.match(err.message, /^Pixie refused the API key \(invalid API key\)\..*Set Pixie API Key.*--api-key-env/);
        assert.ok(!err.message.includes(API_KEY));
        assert.equal(server.lastCall().metadata['pixie-api-key'], API_KEY);
      } finally {
        await server.close();
      }
    });

    it('says the direct-mode token expired, and which token problem is not expiry', async () => {
      const server = await startVizierTestServer({ auth: { bearerSigningKey: SIGNING_KEY } });
      try {
        const now = Math.floor(Date.now() / 1000);
        const expired = signBearerToken({ aud: 'vizier', iat: now - 700, exp: now - 100, sub: 'flamelens' }, SIGNING_KEY);
        const err = await failure(fetchProfile(plaintextEndpoint(server, { metadata: { authorization: `bearer ${expired}` } }), { windowSeconds: 300 }), 'unauthenticated');
        assert.match(err.message, /refused the token: it has expired \(invalid auth token: exp not satisfied\)/);
        assert.ok(!err.message.includes(expired));

        const forged = signBearerToken({ aud: 'vizier', exp: now + 600 }, 'some-other-key-123456');
        const bad = await failure(fetchProfile(plaintextEndpoint(server, { metadata: { authorization: `bearer ${forged}` } }), { windowSeconds: 300 }), 'unauthenticated');
        assert.match(bad.message, /refused the token \(invalid auth token: failed to verify jws signature\).*jwt-signing-key/);

        const good = signBearerToken({ aud: 'vizier', exp: now + 600, sub: 'flamelens' }, SIGNING_KEY);
        await fetchProfile(plaintextEndpoint(server, { metadata: { authorization: `bearer ${good}` } }), { windowSeconds: 300 });
        assert.equal(server.lastCall().claims?.sub, 'flamelens');
      } finally {
        await server.close();
      }
    });
  });

  describe('script results', () => {
    let server: VizierTestServer;
    before(async () => {
      server = await startVizierTestServer({ batchRows: 4 });
    });
    after(() => server.close());

    it('lists every PxL compiler error with its line and column', async () => {
      server.respondWith({
        kind: 'compileError',
        errors: [
          { line: 12, column: 5, message: "name 'namespce' is not defined" },
          { line: 30, column: 17, message: "Column 'stack_trce' not found" },
        ],
      });
      const err = await failure(fetchProfile(plaintextEndpoint(server), { windowSeconds: 300 }), 'compile');
      assert.equal(
        err.message,
        "PxL compile error in the PxL script 'flamelens/stack_traces': line 12:5: name 'namespce' is not defined; line 30:17: Column 'stack_trce' not found",
      );
      assert.deepEqual(err.compilerErrors, [
        { line: 12, column: 5, message: "name 'namespce' is not defined" },
        { line: 30, column: 17, message: "Column 'stack_trce' not found" },
      ]);
    });

    it('reports another error status with its code', async () => {
      server.respondWith({ kind: 'status', code: 13, message: 'Agent pem-x7k2p failed to execute the plan' });
      const err = await failure(fetchLatency(plaintextEndpoint(server), { windowSeconds: 300 }), 'script');
      assert.equal(err.message, "Vizier could not run the PxL script 'flamelens/http_latency': INTERNAL: Agent pem-x7k2p failed to execute the plan.");
    });

    it('says how much had arrived when the stream was reset mid-way', async () => {
      server.respondWith({ kind: 'answer', cutAfterBatches: 3, cut: 'reset' });
      const err = await failure(fetchProfile(plaintextEndpoint(server), { windowSeconds: 300 }), 'stream');
      assert.match(err.message, /broke off after 3 batches \(12 rows\) had arrived/);
      assert.deepEqual(err.details.received, { batches: 3, rows: 12 });
    });

    it('notices a stream that ends OK before its last batch', async () => {
      server.respondWith({ kind: 'answer', cutAfterBatches: 2, cut: 'end' });
      const err = await failure(fetchProfile(plaintextEndpoint(server), { windowSeconds: 300 }), 'stream');
      assert.match(err.message, /ended before table 'stack_traces' was complete \(2 batches, 8 rows had arrived\)/);
    });

    it('rejects data for a table whose metadata never came', async () => {
      server.respondWith({ kind: 'answer', tables: [{ name: 'stack_traces', columns: STACK_TRACE_COLUMNS, rows: stackTraceFixture(), batchTableId: 'no-such-table' }] });
      const err = await failure(fetchProfile(plaintextEndpoint(server), { windowSeconds: 300 }), 'protocol');
      assert.match(err.message, /a row batch refers to table id 'no-such-table', whose metadata never arrived/);
    });

    it('rejects a table whose columns are not what the script returns', async () => {
      const columns = STACK_TRACE_COLUMNS.map((c) => (c.name === 'count' ? { ...c, type: 'FLOAT64' as const } : c));
      server.respondWith({ kind: 'answer', tables: [{ name: 'stack_traces', columns, rows: stackTraceFixture() }] });
      const err = await failure(fetchProfile(plaintextEndpoint(server), { windowSeconds: 300 }), 'protocol');
      assert.match(err.message, /column 'count' of table 'stack_traces' is FLOAT64, expected INT64/);
    });

    it('says so when the window has no samples or no requests', async () => {
      server.respondWith({ kind: 'answer', tables: [{ name: 'stack_traces', columns: STACK_TRACE_COLUMNS, rows: [] }] });
      const err = await failure(fetchProfile(plaintextEndpoint(server), { windowSeconds: 900, namespace: 'default' }), 'empty');
      assert.equal(
        err.message,
        "No CPU samples from test-cluster in the last 15m for namespace 'default'. Pixie's profiler fills its table every 30 s: wait a little, widen the window, or check the namespace and pod names.",
      );
      server.respondWith({ kind: 'answer', tables: [] });
      const none = await failure(fetchLatency(plaintextEndpoint(server), { windowSeconds: 300 }), 'empty');
      assert.match(none.message, /^No HTTP requests reached a service of test-cluster in the last 5m\./);
    });
  });

  describe('time limits and cancellation', () => {
    let server: VizierTestServer;
    before(async () => {
      server = await startVizierTestServer({ batchRows: 2 });
    });
    after(() => server.close());

    it('gives up at the deadline on a server that never answers', async () => {
      server.respondWith({ kind: 'hang' });
      const err = await failure(fetchProfile(plaintextEndpoint(server), { windowSeconds: 300, timeoutMs: 300 }), 'timeout');
      assert.match(err.message, /did not finish the PxL script 'flamelens\/stack_traces' within 0\.3 s \(no data had arrived\)/);
    });

    it('gives up at the deadline mid-stream, saying what had arrived', async () => {
      // 14 batches, 100 ms apart: the 1 s deadline falls in the middle.
      server.respondWith({ kind: 'answer', delayMsPerBatch: 100 });
      const err = await failure(fetchProfile(plaintextEndpoint(server), { windowSeconds: 300, timeoutMs: 1000 }), 'timeout');
      assert.ok(err.details.received!.batches >= 1, err.message);
      assert.match(err.message, /\d+ batch(es)? \(\d+ rows?\) had arrived/);
    });

    it('cancels the call on abort: the server sees the cancel and stops sending', async () => {
      server.respondWith({ kind: 'answer', delayMsPerBatch: 30 });
      const controller = new AbortController();
      let batchesSeen = 0;
      const err = await failure(
        fetchProfile(plaintextEndpoint(server), {
          windowSeconds: 300,
          signal: controller.signal,
          onProgress: (p) => {
            batchesSeen = p.batches;
            if (p.batches === 2) controller.abort();
          },
        }),
        'cancelled',
      );
      assert.match(err.message, /was cancelled/);
      const call = server.lastCall();
      assert.equal(await call.settled, 'cancelled');
      assert.equal(call.cancelled, true);
      assert.equal(batchesSeen, 2);
      // Metadata plus a few batches: far from the whole table (16 messages).
      assert.ok(call.messagesSent < 10, `server sent ${call.messagesSent} messages`);
    });

    it('does not call at all when already cancelled', async () => {
      const before = server.calls.length;
      const controller = new AbortController();
      controller.abort();
      await failure(fetchProfile(plaintextEndpoint(server), { windowSeconds: 300, signal: controller.signal }), 'cancelled');
      assert.equal(server.calls.length, before);
    });
  });
});
