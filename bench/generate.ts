// Generates Pixie-like flamegraph rows (px/perf_flamegraph's columns) for benchmarks: realistic stacks, many pods, fixed seed.
//
//   import { pixieRows, pixieJsonlChunks, writePixieJsonl, generateProfile } from './generate';
//   generateProfile({ rows: 1_000_000, uniqueStacks: 200_000 })  // a Profile, through the real row aggregator
//
// Stacks come from one call tree per workload (Go, C++, Java, Node-as-hex, with kernel
// tails) over a few thousand functions per workload, so they share prefixes and frame
// names like real profiles do. Every unique (pod, stack) pair
// appears at least once when rows >= uniqueStacks; the remaining rows repeat stacks with a
// skew (a few hot stacks, a long tail) and fresh stack_trace_ids, as Pixie's 30 s windows do.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { PixieRowAggregator } from '../src/core/formats/pixieRows';
import type { Profile } from '../src/core/profile';

export interface GenerateOptions {
  rows: number;
  /** Unique (pod, stack) pairs; capped by `rows`. */
  uniqueStacks: number;
  /** Same seed, same output. */
  seed?: number;
  /** Cluster nodes the pods are spread over (default 4). */
  nodes?: number;
}

/** One row as `px run -o json px/perf_flamegraph` prints it. */
export interface PixieFlamegraphRow {
  node: string;
  namespace: string;
  pod: string;
  container: string;
  cmdline: string;
  stack_trace_id: number;
  stack_trace: string;
  count: number;
  percent: number;
}

type Language = 'go' | 'cpp' | 'java' | 'node';

interface Workload {
  namespace: string;
  name: string;
  container: string;
  cmdline: string;
  language: Language;
  replicas: number;
  /** Relative share of the cluster's stacks. */
  weight: number;
}

const WORKLOADS: Workload[] = [
  { namespace: 'default', name: 'admin-service', container: 'admin-service', cmdline: '/app/admin-service', language: 'go', replicas: 3, weight: 6 },
  { namespace: 'default', name: 'frontend', container: 'frontend', cmdline: 'node /app/dist/server.js', language: 'node', replicas: 3, weight: 4 },
  { namespace: 'default', name: 'manipulate', container: 'manipulate', cmdline: '/usr/local/bin/manipulate --port 8080', language: 'cpp', replicas: 2, weight: 5 },
  { namespace: 'default', name: 'upload-service', container: 'upload', cmdline: 'java -XX:+PreserveFramePointer -jar /app/upload.jar', language: 'java', replicas: 2, weight: 4 },
  { namespace: 'pl', name: 'vizier-pem', container: 'pem', cmdline: '/app/src/vizier/services/agent/pem/pem', language: 'cpp', replicas: 4, weight: 3 },
  { namespace: 'pl', name: 'kelvin', container: 'app', cmdline: '/app/src/vizier/services/agent/kelvin/kelvin', language: 'cpp', replicas: 1, weight: 1 },
  { namespace: 'pl', name: 'vizier-query-broker', container: 'app', cmdline: '/app/src/vizier/services/query_broker/query_broker_server', language: 'go', replicas: 1, weight: 1 },
  { namespace: 'kube-system', name: 'kube-proxy', container: 'kube-proxy', cmdline: '/usr/local/bin/kube-proxy --config=/var/lib/kube-proxy/config.conf', language: 'go', replicas: 4, weight: 1 },
  { namespace: 'kube-system', name: 'coredns', container: 'coredns', cmdline: '/coredns -conf /etc/coredns/Corefile', language: 'go', replicas: 2, weight: 1 },
  { namespace: 'px-sock-shop', name: 'orders', container: 'orders', cmdline: 'java -jar ./app.jar --port=80', language: 'java', replicas: 2, weight: 2 },
  { namespace: 'px-sock-shop', name: 'catalogue', container: 'catalogue', cmdline: '/app -port=80', language: 'go', replicas: 2, weight: 2 },
];

const PREFIX: Record<Language, string[][]> = {
  go: [
    ['runtime.goexit.abi0', 'net/http.(*conn).serve', 'net/http.serverHandler.ServeHTTP'],
    ['runtime.goexit.abi0', 'runtime.main', 'main.main'],
    ['runtime.goexit.abi0', 'runtime.gcBgMarkWorker', 'runtime.systemstack.abi0', 'runtime.gcBgMarkWorker.func2'],
    ['runtime.mstart.abi0', 'runtime.mstart1', 'runtime.schedule', 'runtime.findRunnable'],
  ],
  cpp: [
    ['_start', '__libc_start_main', 'main'],
    ['clone3', 'start_thread', 'std::thread::_State_impl<std::thread::_Invoker<std::tuple<void (*)()> > >::_M_run()'],
  ],
  java: [
    ['[j] Interpreter [2x]', '[j] void java.lang.Thread::run()', '[j] void java.util.concurrent.ThreadPoolExecutor$Worker::run()'],
    ['start_thread', 'thread_native_entry(Thread*)', 'JavaThread::run()', 'JavaCalls::call_helper(JavaValue*, methodHandle const&, JavaCallArguments*, JavaThread*)'],
  ],
  node: [
    ['_start', '__libc_start_main', 'node::Start(int, char**)', 'node::NodeMainInstance::Run()', 'uv_run'],
    ['[m] /usr/lib/x86_64-linux-gnu/libc.so.6 + 0x00029d90', '__libc_start_main', 'node::Start(int, char**)', 'uv_run', 'uv__io_poll'],
  ],
};

const KERNEL_TAILS: string[][] = [
  ['[k] entry_SYSCALL_64_after_hwframe', '[k] do_syscall_64', '[k] __x64_sys_write', '[k] ksys_write', '[k] vfs_write', '[k] sock_write_iter', '[k] tcp_sendmsg'],
  ['[k] entry_SYSCALL_64_after_hwframe', '[k] do_syscall_64', '[k] __x64_sys_epoll_wait', '[k] do_epoll_wait', '[k] schedule_hrtimeout_range'],
  ['[k] entry_SYSCALL_64_after_hwframe', '[k] do_syscall_64', '[k] __x64_sys_futex', '[k] do_futex', '[k] futex_wait'],
  ['[k] asm_exc_page_fault', '[k] exc_page_fault', '[k] do_user_addr_fault', '[k] handle_mm_fault'],
  ['[k] asm_sysvec_apic_timer_interrupt', '[k] sysvec_apic_timer_interrupt', '[k] __sysvec_apic_timer_interrupt', '[k] hrtimer_interrupt'],
];

const ORGS = ['tinyhat', 'pixie-io', 'acme', 'gofiber', 'grpc', 'prometheus', 'kubernetes', 'sirupsen'];
const PKGS = ['server', 'handler', 'store', 'image', 'preview', 'codec', 'cache', 'auth', 'metrics', 'client', 'queue', 'proto'];
const TYPES = ['Server', 'Handler', 'Store', 'Encoder', 'Pool', 'Cache', 'Client', 'Conn', 'Router', 'Batch', 'Table', 'Worker'];
const VERBS = ['Handle', 'Serve', 'Get', 'Put', 'Encode', 'Decode', 'Resize', 'Render', 'Flush', 'Lookup', 'Write', 'Read', 'Process', 'Apply', 'Scan', 'Merge'];
const NOUNS = ['Image', 'Preview', 'Hat', 'Request', 'Row', 'Batch', 'Span', 'Metric', 'Frame', 'Chunk', 'Record', 'Token'];
const CPP_NS = ['px::stirling', 'px::carnot::exec', 'px::table_store', 'ns', 'img', 'absl', 'google::protobuf', 'arrow'];
const CPP_ARGS = ['(int)', '(unsigned long)', '(std::string const&)', '(px::types::ColumnWrapper*)', '()', '(char const*, unsigned long)', '(void*)'];
const JAVA_PKGS = ['com.tinyhat.upload', 'org.springframework.web.servlet', 'io.netty.channel', 'com.fasterxml.jackson.databind', 'java.util', 'works.weave.socks.orders'];
const JAVA_RET = ['void', 'long', 'int', 'java.lang.Object', 'boolean', 'byte[]'];

/** Deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 13;
  h = Math.imul(h, 0x27d4eb2f);
  return (h ^ (h >>> 16)) >>> 0;
}

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length];
}

/**
 * Functions a workload's binary has that show up in its samples: a real service is sampled
 * in a few thousand distinct functions, however many stacks it has.
 */
const FUNCTIONS: Record<Language, number> = { go: 3000, cpp: 2500, java: 3000, node: 1500 };

const names = new Map<number, string>();

/** A function name for a call-tree node id, in the workload's language. */
function functionName(language: Language, id: number, depth: number, workload: Workload): string {
  if (workload.name === 'admin-service' && depth === 2 && id % 3 === 0) return 'github.com/tinyhat/admin/pkg.(*Server).Handle';
  if (workload.name === 'admin-service' && depth === 3 && id % 2 === 0) return 'main.createSampleImage.func1';
  // Many call paths reach the same function: pick it from the workload's own set.
  const w = WORKLOADS.indexOf(workload);
  const fn = hash(id, 7) % FUNCTIONS[language];
  const key = w * 65536 + fn;
  let name = names.get(key);
  if (name === undefined) {
    name = nameOf(language, hash(fn + 1, w + 1), workload);
    names.set(key, name);
  }
  return name;
}

function nameOf(language: Language, h: number, workload: Workload): string {
  switch (language) {
    case 'go': {
      const org = pick(ORGS, WORKLOADS.indexOf(workload) + (h % 4 === 0 ? 1 : 0));
      return h % 5 === 0
        ? `github.com/${org}/${workload.name}/${pick(PKGS, h >>> 3)}.${pick(VERBS, h >>> 7)}${pick(NOUNS, h >>> 11)}.func${1 + (h % 3)}`
        : `github.com/${org}/${workload.name}/${pick(PKGS, h >>> 3)}.(*${pick(TYPES, h >>> 7)}).${pick(VERBS, h >>> 11)}${pick(NOUNS, h >>> 15)}`;
    }
    case 'cpp':
      if (h % 11 === 0) return 'fib(unsigned long)';
      return `${pick(CPP_NS, h)}::${pick(TYPES, h >>> 4)}::${pick(VERBS, h >>> 8)}${pick(NOUNS, h >>> 12)}${pick(CPP_ARGS, h >>> 16)}`;
    case 'java':
      if (h % 13 === 0) return `[j] Interpreter [${2 + (h % 20)}x]`;
      return `[j] ${pick(JAVA_RET, h)} ${pick(JAVA_PKGS, h >>> 3)}.${pick(TYPES, h >>> 7)}::${pick(VERBS, h >>> 11).toLowerCase()}${pick(NOUNS, h >>> 15)}()`;
    case 'node':
      // Pixie cannot symbolize JIT-compiled JavaScript: raw addresses, some native frames.
      if (h % 4 === 0) return `node::${pick(TYPES, h >>> 3)}::${pick(VERBS, h >>> 7)}(v8::FunctionCallbackInfo<v8::Value> const&)`;
      if (h % 9 === 0) return '<not symbolized>';
      return `0x00007f${(h & 0xffffff).toString(16).padStart(6, '0')}${((h >>> 8) & 0xffff).toString(16).padStart(4, '0')}`;
  }
}

interface Pod {
  node: string;
  namespace: string;
  pod: string;
  container: string;
  cmdline: string;
  workload: Workload;
  index: number;
}

function cluster(nodes: number, rand: () => number): Pod[] {
  const nodeNames = Array.from({ length: nodes }, (_, i) => `gke-prod-pool-1-${(0x5e7a1c + i * 7919).toString(16)}-${['a1b2', 'c3d4', 'e5f6', 'g7h8'][i % 4]}`);
  const pods: Pod[] = [];
  const suffix = (n: number): string => Array.from({ length: n }, () => 'bcdfghjklmnpqrstvwxz2456789'[Math.floor(rand() * 27)]).join('');
  for (const workload of WORKLOADS) {
    const rs = suffix(9);
    for (let r = 0; r < workload.replicas; r++) {
      pods.push({
        node: nodeNames[pods.length % nodes],
        namespace: workload.namespace,
        pod: `${workload.namespace}/${workload.name}-${rs}-${suffix(5)}`,
        container: workload.container,
        cmdline: workload.cmdline,
        workload,
        index: pods.length,
      });
    }
  }
  return pods;
}

interface UniqueStack {
  pod: Pod;
  stack: string;
}

function uniqueStacks(count: number, pods: Pod[], rand: () => number): UniqueStack[] {
  const weights = pods.map((p) => p.workload.weight);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const seen = new Set<string>();
  const out: UniqueStack[] = [];
  let attempts = 0;
  while (out.length < count) {
    if (++attempts > count * 50) throw new Error(`could not make ${count} unique stacks; lower uniqueStacks`);
    let w = rand() * totalWeight;
    let podIndex = 0;
    while (w >= weights[podIndex] && podIndex < pods.length - 1) w -= weights[podIndex++];
    const pod = pods[podIndex];
    const language = pod.workload.language;
    const prefixes = PREFIX[language];
    const prefixIndex = Math.floor(rand() * rand() * prefixes.length);
    const frames = [...prefixes[prefixIndex]];
    // Replicas of a deployment run the same code: the tree is per workload, not per pod.
    let id = hash(WORKLOADS.indexOf(pod.workload) + 1, prefixIndex + 1);
    const depth = 3 + Math.floor(rand() * 14);
    for (let d = 0; d < depth; d++) {
      // Skewed branching: the first children are the hot paths.
      const child = Math.floor(rand() * rand() * 7);
      id = hash(id, child);
      frames.push(functionName(language, id, d, pod.workload));
    }
    if (rand() < 0.35) {
      const tail = KERNEL_TAILS[Math.floor(rand() * KERNEL_TAILS.length)];
      frames.push(...tail.slice(0, 2 + Math.floor(rand() * (tail.length - 1))));
    }
    const stack = frames.join(';');
    const key = `${podIndex}\u0000${stack}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pod, stack });
  }
  return out;
}

/** Rows in the order a streamed result would bring them. */
export function* pixieRows(options: GenerateOptions): Generator<PixieFlamegraphRow> {
  const rand = random(options.seed ?? 20240611);
  const pods = cluster(options.nodes ?? 4, rand);
  const unique = Math.min(options.uniqueStacks, options.rows);
  const stacks = uniqueStacks(unique, pods, rand);
  const every = options.rows / unique;
  let covered = 0;
  for (let i = 0; i < options.rows; i++) {
    // Spread first appearances evenly through the rows, fill the rest with a hot-skewed pick.
    const index = covered < unique && i >= Math.floor(covered * every) ? covered++ : Math.floor(unique * rand() ** 3);
    const s = stacks[index];
    const count = 1 + Math.floor(rand() ** 4 * 40);
    yield {
      node: s.pod.node,
      namespace: s.pod.namespace,
      pod: s.pod.pod,
      container: s.pod.container,
      cmdline: s.pod.cmdline,
      stack_trace_id: Math.floor(rand() * 5000),
      stack_trace: s.stack,
      count,
      percent: Math.round(count * 1e5 / 3000) / 1e5,
    };
  }
}

/** JSONL text in chunks of about `chunkChars`. */
export function* pixieJsonlChunks(options: GenerateOptions, chunkChars = 1 << 20): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  for (const row of pixieRows(options)) {
    const line = `${JSON.stringify(row)}\n`;
    parts.push(line);
    size += line.length;
    if (size >= chunkChars) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length) yield parts.join('');
}

/** Writes the rows as `px run -o json` would print them; resolves to the file size in bytes. */
export async function writePixieJsonl(path: string, options: GenerateOptions): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  for (const chunk of pixieJsonlChunks(options)) {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

/** The generated rows aggregated by the real Pixie row path (what a cluster query would give the view). */
export function generateProfile(options: GenerateOptions): Profile {
  const rows = new PixieRowAggregator();
  for (const r of pixieRows(options)) rows.addFields(r.stack_trace, r.count, r.node, r.namespace, r.pod, r.container, r.cmdline);
  return rows.build({ source: `generated ${options.rows} rows` });
}
