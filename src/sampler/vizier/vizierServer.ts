// Serves the Vizier API (ExecuteScript, HealthCheck) on loopback for Flamelens' own scripts, from the sampler's data.

import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { FLAMELENS_SCRIPTS, scriptByQueryName } from '../../sources/pixie/scripts';
import { vizierServiceDefinition } from '../../sources/pixie/vizierProto';
import type { WireExecuteScriptRequest } from '../../sources/pixie/wire';
import { runFunction, SamplerData, ScriptError } from './scriptTables';
import { batchMessages, executionStatsMessage, metadataMessage, ResponseMessage, ResultTable } from './tableMessages';

const INVALID_ARGUMENT = grpc.status.INVALID_ARGUMENT;

export class VizierServer {
  private readonly server = new grpc.Server({ 'grpc.max_send_message_length': 64 * 1024 * 1024 });

  constructor(
    private readonly data: SamplerData,
    private readonly onLog: (line: string) => void = () => undefined,
  ) {
    const service = vizierServiceDefinition();
    this.server.addService(service, {
      ExecuteScript: (call: grpc.ServerWritableStream<WireExecuteScriptRequest, ResponseMessage>) => {
        this.executeScript(call).catch((err: Error) => {
          this.onLog(`ExecuteScript failed: ${err.message}`);
          call.emit('error', { code: grpc.status.INTERNAL, details: `the local sampler failed to run the script: ${err.message}` });
        });
      },
      HealthCheck: (call: grpc.ServerWritableStream<unknown, ResponseMessage>) => {
        call.write({ status: { code: 0, message: '' } });
        call.end();
      },
    });
  }

  /** Binds 127.0.0.1:port (0: any free port) and resolves to the port. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) => {
        if (err) reject(new Error(`cannot serve the Vizier API on 127.0.0.1:${port}: ${err.message}`));
        else resolve(bound);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, 2000);
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private async executeScript(call: grpc.ServerWritableStream<WireExecuteScriptRequest, ResponseMessage>): Promise<void> {
    const started = process.hrtime.bigint();
    const request = call.request;
    const queryId = randomUUID();
    let cancelled = false;
    call.on('cancelled', () => {
      cancelled = true;
    });
    let tables: ResultTable[];
    try {
      tables = this.tablesFor(request);
    } catch (err) {
      if (!(err instanceof ScriptError)) throw err;
      this.onLog(`rejected script '${request.query_name || '(unnamed)'}': ${err.message}`);
      call.write({
        query_id: queryId,
        status: {
          code: INVALID_ARGUMENT,
          message: 'Script compilation failed',
          error_details: [{ compiler_error: { line: err.line, column: err.column, message: err.message } }],
        },
      });
      call.end();
      return;
    }
    const ids = tables.map(() => randomUUID());
    let records = 0;
    let bytes = 0;
    const messages: Iterable<ResponseMessage>[] = [tables.map((t, i) => metadataMessage(queryId, ids[i], t))];
    tables.forEach((t, i) => messages.push(batchMessages(queryId, ids[i], t)));
    for (const group of messages) {
      for (const message of group) {
        if (cancelled) return;
        const batch = (message.data as { batch?: { num_rows: number } } | undefined)?.batch;
        if (batch) records += batch.num_rows;
        // Respect flow control: a slow client holds us here instead of growing a buffer.
        if (!call.write(message)) await new Promise((resolve) => call.once('drain', resolve));
      }
    }
    for (const t of tables) for (const r of t.rows) for (const c of r) bytes += typeof c === 'string' ? c.length : 8;
    if (cancelled) return;
    call.write(executionStatsMessage(queryId, Number(process.hrtime.bigint() - started), records, bytes));
    call.end();
  }

  private tablesFor(request: WireExecuteScriptRequest): ResultTable[] {
    const known = FLAMELENS_SCRIPTS.map((s) => s.queryName).join(', ');
    const script =
      scriptByQueryName(request.query_name) ??
      // Without a query_name, the exec funcs tell which of our scripts it is.
      FLAMELENS_SCRIPTS.find((s) => request.exec_funcs.length > 0 && request.exec_funcs.every((f) => s.functions.some((g) => g.func === f.func_name)));
    if (!script) {
      throw new ScriptError(
        `the Flamelens local sampler runs only Flamelens' own scripts (${known}), not ${request.query_name ? `'${request.query_name}'` : 'this script'}: it samples local processes and cannot compile arbitrary PxL`,
      );
    }
    if (request.exec_funcs.length === 0) {
      throw new ScriptError(`${script.queryName}: name the functions to run in exec_funcs (${script.functions.map((f) => f.func).join(', ')})`);
    }
    return request.exec_funcs.map((f) =>
      runFunction(
        this.data,
        f.func_name,
        Object.fromEntries(f.arg_values.map((a) => [a.name, a.value])),
        f.output_table_prefix,
        request.query_str,
      ),
    );
  }
}
