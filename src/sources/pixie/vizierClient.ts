// A client of the Vizier API: runs PxL through ExecuteScript, streaming decoded row batches to a consumer.

import * as grpc from '@grpc/grpc-js';
import type { VizierEndpoint } from './endpoint';
import { CallContext, capitalized, fromGrpcError, fromResponseStatus } from './failures';
import { ExecutionStats, ProtocolViolation, ResultReader, TableProgress } from './resultReader';
import { MissingColumn, RowBatch, TableSchema } from './resultTable';
import { vizierServiceDefinition } from './vizierProto';
import { VizierError } from './vizierError';
import { WireExecuteScriptRequest, WireExecuteScriptResponse, WireHealthCheckResponse } from './wire';

/** One PxL function to run, with its string arguments; its output table is named `outputTable`. */
export interface ExecFunc {
  name: string;
  args: Record<string, string>;
  outputTable: string;
}

export interface ExecuteScriptOptions {
  /** PxL source (query_str). */
  script: string;
  /** Functions of the script to run (exec_funcs); without them the script's px.display calls make the tables. */
  funcs?: readonly ExecFunc[];
  /** query_name: labels the query (Flamelens' local sampler recognises its scripts by it). */
  queryName?: string;
  signal?: AbortSignal;
  /** Deadline of the whole call. Default 120 s. */
  timeoutMs?: number;
  /** A table's schema arrived (before any of its batches). */
  onTable?(table: TableSchema): void;
  /**
   * A batch arrived. The next one is read only after this returns (or its promise settles),
   * so memory holds one batch plus whatever the consumer keeps.
   */
  onBatch(batch: RowBatch): void | Promise<void>;
}

export interface ExecuteScriptSummary {
  queryId: string;
  tables: TableProgress[];
  batches: number;
  rows: number;
  stats?: ExecutionStats;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
const HEALTH_TIMEOUT_MS = 10_000;
/** Pixie batches can be large; grpc's 4 MiB default would cut wide tables. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/**
 * HTTP/2's default 64 KiB window makes the server wait for a window update several times
 * per batch; a larger one keeps a streamed result flowing. The consumer still bounds memory:
 * at most this much is buffered ahead of it.
 */
const FLOW_CONTROL_WINDOW_BYTES = 8 * 1024 * 1024;
/** Metadata whose values are credentials. */
const SECRET_HEADER = /key|authorization|token|secret/i;

export class VizierClient {
  private readonly client: grpc.Client;
  private readonly service = vizierServiceDefinition();

  constructor(
    private readonly endpoint: VizierEndpoint,
    private readonly clientName = 'flamelens',
  ) {
    const options: grpc.ChannelOptions = {
      'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
      'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
      'grpc-node.flow_control_window': FLOW_CONTROL_WINDOW_BYTES,
    };
    let credentials: grpc.ChannelCredentials;
    if (endpoint.tls.insecure) {
      credentials = grpc.credentials.createInsecure();
    } else {
      credentials = grpc.credentials.createSsl(endpoint.tls.ca ?? null);
      if (endpoint.tls.serverName) {
        options['grpc.ssl_target_name_override'] = endpoint.tls.serverName;
        options['grpc.default_authority'] = endpoint.tls.serverName;
      }
    }
    this.client = new grpc.Client(endpoint.address, credentials, options);
  }

  get address(): string {
    return this.endpoint.address;
  }

  /** Runs a script and streams its tables to the consumer; rejects with a VizierError. */
  async executeScript(opts: ExecuteScriptOptions): Promise<ExecuteScriptSummary> {
    const what = opts.queryName ? `the PxL script '${opts.queryName}'` : 'the PxL script';
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const reader = new ResultReader();
    let messages = 0;
    // Read once: a direct-mode endpoint mints a fresh token on every read.
    const headers = this.endpoint.metadata;
    const ctx = (): CallContext => ({
      ...this.callBasics(headers),
      what,
      aborted: opts.signal?.aborted ?? false,
      timeoutMs,
      messages,
      received: { batches: reader.batches, rows: reader.rows },
    });
    if (opts.signal?.aborted) throw new VizierError('cancelled', `${capitalized(what)} was cancelled.`);

    const request: WireExecuteScriptRequest = {
      query_str: opts.script,
      cluster_id: this.endpoint.clusterId ?? '',
      exec_funcs: (opts.funcs ?? []).map((f) => ({
        func_name: f.name,
        arg_values: Object.entries(f.args).map(([name, value]) => ({ name, value })),
        output_table_prefix: f.outputTable,
      })),
      mutation: false,
      query_name: opts.queryName ?? '',
    };
    const method = this.service.ExecuteScript;
    const call = this.client.makeServerStreamRequest<WireExecuteScriptRequest, WireExecuteScriptResponse>(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      request,
      this.metadata(headers),
      { deadline: Date.now() + timeoutMs },
    );
    const onAbort = () => call.cancel();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const msg of call as AsyncIterable<WireExecuteScriptResponse>) {
        messages++;
        let result;
        try {
          result = reader.read(msg);
        } catch (err) {
          if (err instanceof ProtocolViolation) {
            call.cancel();
            throw new VizierError('protocol', `Vizier at ${this.endpoint.address} sent a result Flamelens cannot read: ${err.message}.`, {
              received: ctx().received,
            });
          }
          throw err;
        }
        if (result.kind === 'status') {
          call.cancel();
          throw fromResponseStatus(result.status, ctx());
        }
        if (result.kind === 'table') opts.onTable?.(result.table);
        if (result.kind === 'batch') await opts.onBatch(result.batch);
        if (opts.signal?.aborted) throw new VizierError('cancelled', `${capitalized(what)} was cancelled.`, { received: ctx().received });
      }
    } catch (err) {
      call.cancel();
      if (err instanceof VizierError) throw err;
      if (isGrpcError(err)) throw fromGrpcError(err, ctx());
      if (err instanceof MissingColumn) {
        throw new VizierError('protocol', `Vizier at ${this.endpoint.address} sent a result Flamelens cannot read: ${err.message}.`, {
          received: ctx().received,
        });
      }
      // Any other failure of the consumer travels unchanged; the call is already cancelled.
      throw err;
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
    }
    const incomplete = reader.incomplete();
    if (incomplete.length > 0) {
      throw new VizierError(
        'stream',
        `The result stream from Vizier at ${this.endpoint.address} ended before table${incomplete.length > 1 ? 's' : ''} ${incomplete.map((t) => `'${t}'`).join(', ')} ${incomplete.length > 1 ? 'were' : 'was'} complete (${reader.batches} batches, ${reader.rows} rows had arrived). Run it again.`,
        { received: { batches: reader.batches, rows: reader.rows } },
      );
    }
    return { queryId: reader.queryId, tables: reader.progress(), batches: reader.batches, rows: reader.rows, stats: reader.stats };
  }

  /** Asks Vizier whether it can run scripts; rejects with a VizierError when it cannot. */
  async healthCheck(opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<void> {
    const timeoutMs = opts.timeoutMs ?? HEALTH_TIMEOUT_MS;
    let messages = 0;
    const headers = this.endpoint.metadata;
    const ctx = (): CallContext => ({
      ...this.callBasics(headers),
      what: 'the health check',
      aborted: opts.signal?.aborted ?? false,
      timeoutMs,
      messages,
      received: { batches: 0, rows: 0 },
    });
    if (opts.signal?.aborted) throw new VizierError('cancelled', 'The health check was cancelled.');
    const method = this.service.HealthCheck;
    const call = this.client.makeServerStreamRequest<{ cluster_id: string }, WireHealthCheckResponse>(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      { cluster_id: this.endpoint.clusterId ?? '' },
      this.metadata(headers),
      { deadline: Date.now() + timeoutMs },
    );
    const onAbort = () => call.cancel();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // The server keeps streaming health updates; the first one answers the question.
      for await (const msg of call as AsyncIterable<WireHealthCheckResponse>) {
        messages++;
        call.cancel();
        if (msg.status && msg.status.code !== 0) {
          const failure = fromResponseStatus(msg.status, { ...ctx(), what: 'the health check' });
          throw new VizierError(failure.kind === 'unauthenticated' ? 'unauthenticated' : 'unavailable', failure.message, failure.details);
        }
        return;
      }
      throw new VizierError('unavailable', `Vizier at ${this.endpoint.address} ended the health check without an answer.`);
    } catch (err) {
      if (err instanceof VizierError) throw err;
      if (isGrpcError(err)) throw fromGrpcError(err, ctx());
      throw err;
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  close(): void {
    this.client.close();
  }

  private metadata(headers: Record<string, string>): grpc.Metadata {
    const md = new grpc.Metadata();
    for (const [key, value] of Object.entries(headers)) md.set(key, value);
    if (!('pixie-api-client' in headers)) md.set('pixie-api-client', this.clientName);
    return md;
  }

  private callBasics(headers: Record<string, string>): Pick<CallContext, 'address' | 'credential' | 'secrets'> {
    const entries = Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v] as const);
    const keys = entries.map(([k]) => k);
    const credential = keys.includes('pixie-api-key') ? 'api-key' : keys.includes('authorization') ? 'bearer' : 'none';
    const secrets = entries.filter(([k]) => SECRET_HEADER.test(k)).flatMap(([, v]) => [v, v.replace(/^bearer\s+/i, '')]);
    return { address: this.endpoint.address, credential, secrets };
  }
}

function isGrpcError(err: unknown): err is grpc.ServiceError {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'number' && 'details' in err;
}
