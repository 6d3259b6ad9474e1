// Benchmark: workspace index build for a generated 2,000-file mixed-language repository, and route detection + frame lookup for a 5,000-line file.
//
// Reports wall and CPU time of the cold build (tree-sitter runtime, grammars, every file),
// the longest synchronous slice the index took between event-loop turns (its own measure and
// the event-loop delay histogram's maximum, which is what an editor host would feel), the
// one-off grammar setup per language, and for one 5,000-line file: re-index + routes, and
// resolveFrame for names defined in it.
// Run: npx tsx bench/workspaceIndex.ts [files]

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createWorkspaceServices } from '../src/workspace';
import type { IndexStats } from '../src/workspace';

const WASM_DIR = path.join(__dirname, '..', 'node_modules/@vscode/tree-sitter-wasm/wasm');

export interface WorkspaceIndexResult {
  files: number;
  stats: IndexStats;
  buildSeconds: number;
  buildCpuSeconds: number;
  /** Largest event-loop delay seen while building (ms). */
  maxEventLoopDelayMs: number;
  bigFileLines: number;
  bigFileRoutes: number;
  /** updateFile + routesIn for the 5,000-line file (median of runs, ms). */
  bigFileReindexMs: number;
  /** routesIn for the big file once indexed: what a CodeLens provider pays per request (median, ms). */
  bigFileRoutesMs: number;
  /** resolveFrame for one name defined in the big file (median, ms). */
  lookupMs: number;
  lookupsPerSecond: number;
}

/** Share of each language among generated files, in the shape of a polyglot monorepo. */
const MIX: Array<[string, number, (i: number) => string]> = [
  ['go', 0.25, goFile],
  ['ts', 0.25, tsFile],
  ['js', 0.1, jsFile],
  ['py', 0.2, pyFile],
  ['java', 0.1, javaFile],
  ['cc', 0.05, cppFile],
  ['rs', 0.05, rustFile],
];

export async function measureWorkspaceIndex(fileCount = 2000): Promise<WorkspaceIndexResult> {
  const root = mkdtempSync(path.join(tmpdir(), 'flamelens-bench-ws-'));
  try {
    const written = generateRepository(root, fileCount);
    const bigFile = path.join(root, 'services/gateway/src/routes.ts');
    const bigText = bigRouteFile(5000);
    writeFileSync(bigFile, bigText);

    const ws = createWorkspaceServices({ roots: [root], wasmDir: WASM_DIR });
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await ws.index.ready();
    const buildSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    delay.disable();

    const reindex: number[] = [];
    let bigRoutes = 0;
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      await ws.fileChanged(bigFile);
      bigRoutes = (await ws.index.routesIn(bigFile)).length;
      reindex.push(performance.now() - t);
    }

    const routeLookups: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await ws.index.routesIn(bigFile);
      routeLookups.push(performance.now() - t);
    }

    const names = Array.from({ length: 200 }, (_, i) => `handler${(i * 37) % 250}`);
    const lookups: number[] = [];
    for (const name of names) {
      const t = performance.now();
      const r = await ws.resolveFrame(`${name} /app/src/routes.ts:1`);
      lookups.push(performance.now() - t);
      if (!r.candidates.length) throw new Error(`bench: ${name} not found`);
    }
    const stats = ws.index.stats();
    ws.dispose();
    return {
      files: written + 1,
      stats,
      buildSeconds,
      buildCpuSeconds: (cpu.user + cpu.system) / 1e6,
      maxEventLoopDelayMs: delay.max / 1e6,
      bigFileLines: bigText.split('\n').length,
      bigFileRoutes: bigRoutes,
      bigFileReindexMs: median(reindex),
      bigFileRoutesMs: median(routeLookups),
      lookupMs: median(lookups),
      lookupsPerSecond: 1000 / (lookups.reduce((a, b) => a + b, 0) / lookups.length),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Writes `count` source files over a few services, plus node_modules/dist trees the index must skip. */
export function generateRepository(root: string, count: number): number {
  let written = 0;
  for (const [ext, share, make] of MIX) {
    const n = Math.round(count * share);
    for (let i = 0; i < n && written < count; i++, written++) {
      const dir = path.join(root, `services/svc${i % 12}`, ext === 'go' ? `pkg${i % 20}` : `src/m${i % 20}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `file${i}.${ext}`), make(i));
    }
  }
  for (let i = 0; i < 300; i++) {
    const dir = path.join(root, 'node_modules', `dep${i % 30}`, 'lib');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `index${i}.js`), jsFile(i));
  }
  for (let i = 0; i < 100; i++) {
    const dir = path.join(root, 'services/svc0/dist');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `out${i}.js`), jsFile(i));
  }
  mkdirSync(path.join(root, 'services/gateway/src'), { recursive: true });
  return written;
}

function goFile(i: number): string {
  const funcs = Array.from({ length: 8 }, (_, k) => `// process${k} handles step ${k}.\nfunc (s *Server${i}) process${k}(items []Item) (int, error) {\n\ttotal := 0\n\tfor _, it := range items {\n\t\tif it.Size > ${k} {\n\t\t\ttotal += it.Size * ${k + 1}\n\t\t}\n\t}\n\treturn total, nil\n}\n`).join('\n');
  return `package pkg${i % 20}\n\nimport (\n\t"net/http"\n\t"github.com/gofiber/fiber/v2"\n)\n\ntype Item struct{ Size int }\n\ntype Server${i} struct{ name string }\n\n${funcs}\nfunc register${i}(app *fiber.App, mux *http.ServeMux) {\n\tapp.Get("/items/${i}", listItems${i})\n\tmux.HandleFunc("POST /items/${i}", createItem${i})\n}\n\nfunc listItems${i}(c *fiber.Ctx) error { return nil }\n\nfunc createItem${i}(w http.ResponseWriter, r *http.Request) {}\n`;
}

function tsFile(i: number): string {
  const methods = Array.from({ length: 8 }, (_, k) => `  async step${k}(input: number[]): Promise<number> {\n    let total = 0;\n    for (const v of input) {\n      if (v > ${k}) total += v * ${k + 1};\n    }\n    return total;\n  }\n`).join('\n');
  return `import express from 'express';\nimport { helper } from './helper';\n\nexport class Service${i} {\n  constructor(private readonly name: string) {}\n\n${methods}}\n\nexport const handle${i} = async (req: express.Request, res: express.Response) => {\n  res.json({ ok: helper(${i}) });\n};\n\nexport function router${i}(app: express.Express): void {\n  app.get('/svc/${i}', handle${i});\n  app.post('/svc/${i}', async (req, res) => { res.status(201).end(); });\n}\n`;
}

function jsFile(i: number): string {
  return `'use strict';\nconst express = require('express');\n\nfunction compute${i}(values) {\n  return values.reduce((a, b) => a + b * ${i % 7}, 0);\n}\n\nconst handlers = {\n  list: (req, res) => res.json([]),\n  show(req, res) { res.json({ id: req.params.id }); },\n};\n\nmodule.exports.mount${i} = function (app) {\n  app.get('/js/${i}', handlers.list);\n  app.get('/js/${i}/:id', handlers.show);\n};\nmodule.exports.compute${i} = compute${i};\n`;
}

function pyFile(i: number): string {
  const methods = Array.from({ length: 6 }, (_, k) => `    def step_${k}(self, values):\n        total = 0\n        for v in values:\n            if v > ${k}:\n                total += v * ${k + 1}\n        return total\n`).join('\n');
  return `from flask import Blueprint\n\nbp = Blueprint("b${i}", __name__)\n\n\nclass Worker${i}:\n${methods}\n\n@bp.route("/py/${i}", methods=["GET", "POST"])\ndef view_${i}():\n    return Worker${i}().step_0([1, 2, 3])\n`;
}

function javaFile(i: number): string {
  const methods = Array.from({ length: 6 }, (_, k) => `    public long step${k}(long[] values) {\n        long total = 0;\n        for (long v : values) {\n            if (v > ${k}) total += v * ${k + 1};\n        }\n        return total;\n    }\n`).join('\n');
  return `package com.example.m${i % 20};\n\nimport java.util.List;\n\npublic class Service${i} {\n    public Service${i}() {}\n\n${methods}\n    static class Inner {\n        String name() { return "x"; }\n    }\n}\n`;
}

function cppFile(i: number): string {
  const fns = Array.from({ length: 6 }, (_, k) => `long Worker${i}::step${k}(const std::vector<long>& values) const {\n  long total = 0;\n  for (long v : values) {\n    if (v > ${k}) total += v * ${k + 1};\n  }\n  return total;\n}\n`).join('\n');
  return `#include <vector>\n\nnamespace svc${i % 12} {\n\nclass Worker${i} {\n public:\n  long step0(const std::vector<long>& values) const;\n};\n\nnamespace {\nlong helper(long v) { return v * 2; }\n}\n\n${fns}\n}  // namespace svc${i % 12}\n`;
}

function rustFile(i: number): string {
  const fns = Array.from({ length: 6 }, (_, k) => `    pub fn step${k}(&self, values: &[i64]) -> i64 {\n        values.iter().filter(|v| **v > ${k}).map(|v| v * ${k + 1}).sum()\n    }\n`).join('\n');
  return `use std::fmt;\n\npub struct Worker${i} {\n    name: String,\n}\n\nimpl Worker${i} {\n${fns}}\n\nimpl fmt::Display for Worker${i} {\n    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {\n        write!(f, "{}", self.name)\n    }\n}\n`;
}

/** A 5,000-line Express module: 250 named handlers, each with a route registration and a body. */
function bigRouteFile(lines: number): string {
  const out: string[] = ["import express from 'express';", '', 'export const app = express();', ''];
  let k = 0;
  while (out.length < lines - 20) {
    out.push(`export async function handler${k}(req: express.Request, res: express.Response): Promise<void> {`);
    out.push(`  const items = await load${k % 10}(String(req.params.id ?? ''));`);
    out.push('  let total = 0;');
    out.push('  for (const item of items) {');
    out.push(`    if (item.size > ${k % 13}) total += item.size;`);
    out.push('  }');
    out.push(`  res.json({ route: ${k}, total });`);
    out.push('}');
    out.push(`app.${['get', 'post', 'put', 'delete'][k % 4]}('/r/${k}/:id', handler${k});`);
    out.push('');
    k++;
  }
  for (let j = 0; j < 10; j++) out.push(`async function load${j}(id: string): Promise<Array<{ size: number }>> {`, `  return [{ size: id.length + ${j} }];`, '}');
  while (out.length < lines) out.push('');
  return out.join('\n');
}

if (require.main === module) {
  const files = Number(process.argv[2] ?? 2000);
  measureWorkspaceIndex(files).then(
    (r) => {
      const s = r.stats;
      console.log(`machine load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs (wall times stretch with load; CPU times less so)`);
      console.log(`workspace index: ${r.files} files written (${s.parsedFiles} parsed, ${s.listedFiles} listed; node_modules skipped)`);
      console.log(`  build: ${r.buildSeconds.toFixed(2)} s wall, ${r.buildCpuSeconds.toFixed(2)} s CPU; ${s.definitions} definitions, ${s.routes} routes`);
      console.log(`  longest synchronous slice: ${s.longestSliceMs.toFixed(1)} ms wall (${s.longestSliceFile ? path.basename(s.longestSliceFile) : '-'}); costliest slice ${s.longestSliceCpuMs.toFixed(1)} ms CPU`);
      console.log(`  grammar setup (one-off, synchronous): ${Object.entries(s.grammarSetupMs).map(([l, ms]) => `${l} ${ms!.toFixed(1)}`).join(', ')} ms`);
      console.log(`  max event-loop delay during the build: ${r.maxEventLoopDelayMs.toFixed(1)} ms`);
      console.log(`5,000-line file (${r.bigFileLines} lines, ${r.bigFileRoutes} routes): re-index + routes ${r.bigFileReindexMs.toFixed(1)} ms (median, in slices); routesIn from the index ${r.bigFileRoutesMs.toFixed(2)} ms`);
      console.log(`  resolveFrame for a handler in it: ${r.lookupMs.toFixed(2)} ms median (${Math.round(r.lookupsPerSecond)} lookups/s)`);
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
