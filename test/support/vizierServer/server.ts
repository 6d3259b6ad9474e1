// A Vizier API server of Flamelens' own on loopback (plaintext or TLS), speaking the same .proto, for tests and benches.

import * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { constants as http2 } from 'node:http2';
import { vizierServiceDefinition } from '../../../src/sources/pixie/vizierProto';
import { answerFlamelensScripts, Behaviour, generatedStackTable, RecordedCall, Responder, tablesFor } from './behaviours';
import { checkBearerToken } from './bearerToken';
import { generatedUniqueRows } from './stackFixtures';
import { batchMessage, batchMessages, metadataMessage, ResponseMessage, TestTable } from './tableMessages';
import { makeTestCertificates, TestCertificates } from './testCertificates';

export interface VizierTestServerOptions {
  /** Serve TLS with a generated CA (`server.ca` is what a client trusts); or give the certificates. */
  tls?: boolean | TestCertificates;
  /**
   * Credentials the server demands, like Pixie Cloud (`pixie-api-key`) or the query
   * broker (`authorization: bearer <HS256 JWT>`, audience `vizier` by default).
   */
  auth?: { apiKey: string } | { bearerSigningKey: string; audience?: string };
  /** What to do with each ExecuteScript call. Default: answer Flamelens' scripts from the fixtures. */
  respond?: Responder;
  /** Rows per batch (default 64, so realistic results come in many batches). */
  batchRows?: number;
  /** The HealthCheck answer (default OK). */
  health?: { code: number; message: string };
}

export interface VizierTestServer {
  /** `127.0.0.1:PORT`. */
  readonly address: string;
  readonly port: number;
  /** PEM of the CA to trust, when serving TLS. */
  readonly ca?: Buffer;
  /** Every call so far, oldest first. */
  readonly calls: RecordedCall[];
  lastCall(): RecordedCall;
  /** Changes the behaviour for the next calls. */
  respondWith(respond: Responder | Behaviour): void;
  close(): Promise<void>;
}

export async function startVizierTestServer(options: VizierTestServerOptions = {}): Promise<VizierTestServer> {
  const server = new grpc.Server();
  const calls: RecordedCall[] = [];
  let respond: Responder = options.respond ?? answerFlamelensScripts;
  const batchRows = options.batchRows ?? 64;

  server.addService(passThroughBuffers(vizierServiceDefinition()), {
    ExecuteScript: (call: grpc.ServerWritableStream<WireRequest, ResponseMessage | Buffer>) => {
      const record = recordCall('ExecuteScript', call, calls);
      const refusal = authRefusal(call.metadata, options.auth, record);
      if (refusal) return fail(call, refusal.code, refusal.details);
      void runBehaviour(call, record, respond(record), batchRows);
    },
    HealthCheck: (call: grpc.ServerWritableStream<{ cluster_id: string }, ResponseMessage>) => {
      const record = recordCall('HealthCheck', call, calls);
      const refusal = authRefusal(call.metadata, options.auth, record);
      if (refusal) return fail(call, refusal.code, refusal.details);
      // Vizier keeps the health stream open; the client hangs up after the first answer.
      call.write({ status: options.health ?? { code: 0, message: '' } });
      record.messagesSent++;
    },
  });

  const certificates = options.tls === true ? makeTestCertificates() : options.tls || undefined;
  const credentials = certificates
    ? grpc.ServerCredentials.createSsl(null, [{ private_key: certificates.key, cert_chain: certificates.cert }], false)
    : grpc.ServerCredentials.createInsecure();
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', credentials, (err, p) => (err ? reject(err) : resolve(p))),
  );

  return {
    address: `127.0.0.1:${port}`,
    port,
    ca: certificates?.ca,
    calls,
    lastCall() {
      const last = calls[calls.length - 1];
      if (!last) throw new Error('the Vizier test server has had no call');
      return last;
    },
    respondWith(next) {
      respond = typeof next === 'function' ? next : () => next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Give running calls a moment to finish, then cut what is left (hanging calls).
        const timer = setTimeout(() => server.forceShutdown(), 500);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}

interface WireRequest {
  query_str: string;
  cluster_id: string;
  query_name: string;
  exec_funcs: { func_name: string; arg_values: { name: string; value: string }[]; output_table_prefix: string }[];
}

function recordCall(
  method: RecordedCall['method'],
  call: grpc.ServerWritableStream<Partial<WireRequest>, ResponseMessage>,
  calls: RecordedCall[],
): RecordedCall {
  const req = call.request;
  let settle!: (how: 'finished' | 'cancelled' | 'failed') => void;
  const record: RecordedCall = {
    method,
    queryStr: req.query_str ?? '',
    clusterId: req.cluster_id ?? '',
    queryName: req.query_name ?? '',
    funcs: (req.exec_funcs ?? []).map((f) => ({
      name: f.func_name,
      args: Object.fromEntries(f.arg_values.map((a) => [a.name, a.value])),
      outputTable: f.output_table_prefix,
    })),
    metadata: Object.fromEntries(Object.entries(call.metadata.getMap()).map(([k, v]) => [k, String(v)])),
    cancelled: false,
    messagesSent: 0,
    settled: new Promise((resolve) => (settle = resolve)),
  };
  call.on('cancelled', () => {
    record.cancelled = true;
    settle('cancelled');
  });
  call.on('finish', () => settle('finished'));
  call.on('error', () => settle('failed'));
  calls.push(record);
  return record;
}

function authRefusal(
  metadata: grpc.Metadata,
  auth: VizierTestServerOptions['auth'],
  record: RecordedCall,
): { code: number; details: string } | undefined {
  if (!auth) return undefined;
  if ('apiKey' in auth) {
    const key = metadata.get('pixie-api-key')[0];
    if (key === undefined) return { code: grpc.status.UNAUTHENTICATED, details: 'no API key given' };
    return String(key) === auth.apiKey ? undefined : { code: grpc.status.UNAUTHENTICATED, details: 'invalid API key' };
  }
  const header = String(metadata.get('authorization')[0] ?? '');
  const m = /^bearer\s+(.+)$/i.exec(header);
  if (!m) return { code: grpc.status.UNAUTHENTICATED, details: 'Request unauthenticated with bearer' };
  const check = checkBearerToken(m[1], auth.bearerSigningKey, auth.audience ?? 'vizier');
  if (!check.ok) return { code: grpc.status.UNAUTHENTICATED, details: `invalid auth token: ${check.reason}` };
  record.claims = check.claims;
  return undefined;
}

/** Ends the call with a gRPC error status (grpc-js turns an 'error' event into the status). */
function fail(call: grpc.ServerWritableStream<unknown, unknown>, code: number, details: string): void {
  call.emit('error', Object.assign(new Error(details), { code, details }));
}

async function runBehaviour(
  call: grpc.ServerWritableStream<unknown, ResponseMessage | Buffer>,
  record: RecordedCall,
  behaviour: Behaviour,
  defaultBatchRows: number,
): Promise<void> {
  const queryId = randomUUID();
  const send = async (msg: ResponseMessage | Buffer): Promise<boolean> => {
    if (record.cancelled) return false;
    record.messagesSent++;
    if (!call.write(msg)) {
      await Promise.race([new Promise((r) => call.once('drain', r)), record.settled]);
    }
    return !record.cancelled;
  };
  switch (behaviour.kind) {
    case 'hang':
      return;
    case 'fail':
      return fail(call, behaviour.code, behaviour.details);
    case 'status':
      await send({ query_id: queryId, status: { code: behaviour.code, message: behaviour.message, error_details: [] } });
      call.end();
      return;
    case 'compileError':
      await send({
        query_id: queryId,
        status: {
          code: grpc.status.INVALID_ARGUMENT,
          message: behaviour.message ?? '',
          error_details: behaviour.errors.map((e) => ({ compiler_error: e })),
        },
      });
      call.end();
      return;
    case 'generatedStacks':
      await streamGenerated(call, record, queryId, behaviour, send);
      return;
    case 'answer':
      await streamTables(call, record, queryId, behaviour.tables ?? tablesFor(record), {
        batchRows: behaviour.batchRows ?? defaultBatchRows,
        delayMs: behaviour.delayMsPerBatch,
        cutAfter: behaviour.cutAfterBatches,
        cut: behaviour.cut,
        send,
      });
      return;
  }
}

async function streamTables(
  call: grpc.ServerWritableStream<unknown, ResponseMessage | Buffer>,
  record: RecordedCall,
  queryId: string,
  tables: TestTable[],
  opts: { batchRows: number; delayMs?: number; cutAfter?: number; cut?: 'reset' | 'end'; send: (m: ResponseMessage | Buffer) => Promise<boolean> },
): Promise<void> {
  const ids = tables.map(() => randomUUID());
  // Vizier sends every table's metadata before data of any.
  for (const [i, table] of tables.entries()) if (!(await opts.send(metadataMessage(queryId, ids[i], table)))) return;
  let batches = 0;
  for (const [i, table] of tables.entries()) {
    for (const msg of batchMessages(queryId, ids[i], table, opts.batchRows)) {
      if (opts.cutAfter !== undefined && batches >= opts.cutAfter) return cutStream(call, opts.cut ?? 'reset');
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      if (!(await opts.send(msg))) return;
      batches++;
    }
  }
  await opts.send({ query_id: queryId, data: { execution_stats: { timing: { execution_time_ns: 1_200_000, compilation_time_ns: 300_000 }, bytes_processed: 0, records_processed: batches } } });
  if (!record.cancelled) call.end();
}

/**
 * A generated result repeats its unique rows, so most batches are byte-for-byte equal:
 * each distinct one is serialised once, keeping the server fast enough that a benchmark
 * measures the client.
 */
async function streamGenerated(
  call: grpc.ServerWritableStream<unknown, ResponseMessage | Buffer>,
  record: RecordedCall,
  queryId: string,
  behaviour: { rows: number; uniqueStacks: number; batchRows?: number },
  send: (m: ResponseMessage | Buffer) => Promise<boolean>,
): Promise<void> {
  const { rows, uniqueStacks } = behaviour;
  const batchRows = behaviour.batchRows ?? 1000;
  const table = generatedStackTable(record, 0, uniqueStacks);
  const unique = generatedUniqueRows(uniqueStacks);
  const tableId = randomUUID();
  const serialize = vizierServiceDefinition().ExecuteScript.responseSerialize;
  if (!(await send(metadataMessage(queryId, tableId, table)))) return;
  const cache = new Map<string, Buffer>();
  for (let start = 0; start < rows || start === 0; start += batchRows) {
    const n = Math.min(batchRows, rows - start);
    const eos = start + n >= rows;
    const key = `${start % uniqueStacks}:${n}:${eos}`;
    let bytes = cache.get(key);
    if (!bytes) {
      const batch = Array.from({ length: n }, (_, i) => unique[(start + i) % uniqueStacks]);
      bytes = serialize(batchMessage(queryId, tableId, table.columns, batch, eos));
      cache.set(key, bytes);
    }
    if (!(await send(bytes))) return;
    if (eos) break;
  }
  if (!record.cancelled) call.end();
}

/** Lets a handler write bytes it serialised earlier; everything else is serialised as usual. */
function passThroughBuffers(service: grpc.ServiceDefinition): grpc.ServiceDefinition {
  const wrapped: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  for (const [name, method] of Object.entries(service)) {
    wrapped[name] = { ...method, responseSerialize: (value: unknown) => (Buffer.isBuffer(value) ? value : method.responseSerialize(value)) };
  }
  return wrapped as grpc.ServiceDefinition;
}

/**
 * Breaks the call off like a dying proxy would: an HTTP/2 RST_STREAM, or an early OK end.
 * A reset discards frames still queued, so it waits for what was sent to reach the client.
 */
async function cutStream(call: grpc.ServerWritableStream<unknown, ResponseMessage | Buffer>, how: 'reset' | 'end'): Promise<void> {
  if (how === 'end') {
    call.end();
    return;
  }
  await new Promise((r) => setTimeout(r, 300));
  const stream = findHttp2Stream(call);
  if (stream) stream.close(http2.NGHTTP2_INTERNAL_ERROR);
  else fail(call, grpc.status.INTERNAL, 'stream reset by the test server');
}

/** grpc-js keeps the HTTP/2 stream a few wrappers down; found by shape, not by private names. */
function findHttp2Stream(root: unknown): { close(code: number): void } | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [root];
  while (queue.length > 0) {
    const node = queue.shift();
    if (!node || typeof node !== 'object' || seen.has(node) || seen.size > 50) continue;
    seen.add(node);
    const candidate = (node as { stream?: { close?: unknown; rstCode?: unknown } }).stream;
    if (candidate && typeof candidate.close === 'function' && 'rstCode' in candidate) return candidate as { close(code: number): void };
    for (const key of ['call', 'nextCall']) queue.push((node as Record<string, unknown>)[key]);
  }
  return undefined;
}
