// Deterministic Pixie-like profiles for the webview harness: a large cluster-wide one, and a small one with hostile names.

import type { K8sContext } from '../../src/core/k8sContext';
import { Profile, ProfileBuilder } from '../../src/core/profile';

/** A small seeded PRNG (mulberry32): the same profile every run. */
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

const NAMESPACES = ['default', 'px-sock-shop', 'online-boutique', 'kube-system', 'monitoring', 'pl'];
const LANGS = ['go', 'go', 'go', 'java', 'cpp', 'node'] as const;
type Lang = (typeof LANGS)[number];

const GO_PKGS = ['main', 'net/http', 'encoding/json', 'github.com/lib/pq', 'google.golang.org/grpc', 'database/sql', 'runtime', 'sync', 'image/png', 'bufio'];
const JAVA_PKGS = ['org.springframework.web', 'com.fasterxml.jackson.databind', 'io.netty.channel', 'java.util.concurrent', 'org.hibernate.engine', 'works.weave.socks'];
const CPP_NS = ['envoy::Http', 'absl', 'std', 'grpc_core', 'google::protobuf', 'Envoy::Network'];
const NODE_MODS = ['express/lib/router', 'node:internal/streams', 'app/src/routes', 'pg/lib/client', 'sharp/lib/resize'];
const VERBS = ['Handle', 'Serve', 'Decode', 'Encode', 'Write', 'Read', 'Query', 'Exec', 'Marshal', 'Unmarshal', 'Resize', 'Render', 'Lookup', 'Dispatch', 'Flush', 'Parse', 'Compress', 'Hash'];
const NOUNS = ['Request', 'Response', 'Order', 'Cart', 'Preview', 'Image', 'Row', 'Batch', 'Span', 'Metric', 'Header', 'Frame', 'Buffer', 'Session', 'Catalog', 'Token'];
const KERNEL = ['[k] entry_SYSCALL_64_after_hwframe', '[k] do_syscall_64', '[k] __x64_sys_write', '[k] ksys_write', '[k] vfs_write', '[k] tcp_sendmsg', '[k] __x64_sys_epoll_wait', '[k] do_epoll_wait', '[k] schedule', '[k] __schedule', '[k] finish_task_switch', '[k] copy_user_enhanced_fast_string', '[k] page_fault', '[k] handle_mm_fault'];

function functionName(lang: Lang, r: () => number, i: number): string {
  const verb = VERBS[Math.floor(r() * VERBS.length)];
  const noun = NOUNS[Math.floor(r() * NOUNS.length)];
  switch (lang) {
    case 'go':
      return `${GO_PKGS[i % GO_PKGS.length]}.(*${noun}${i % 7 === 0 ? 'Handler' : ''}).${verb}${noun}`;
    case 'java':
      return `[j] ${JAVA_PKGS[i % JAVA_PKGS.length]}.${noun}${verb}er.${verb.toLowerCase()}${noun}`;
    case 'cpp':
      return `${CPP_NS[i % CPP_NS.length]}::${noun}Impl::${verb.toLowerCase()}${noun}(std::string const&)`;
    case 'node':
      return `${verb.toLowerCase()}${noun} ${NODE_MODS[i % NODE_MODS.length]}.js:${10 + i}:${3 + (i % 40)}`;
  }
}

interface Service {
  ctx: K8sContext;
  lang: Lang;
  roots: string[];
  /** Callees of each function, by index. */
  calls: number[][];
  names: string[];
  weight: number;
}

function makeServices(r: () => number): Service[] {
  const services: Service[] = [];
  let podIndex = 0;
  for (const namespace of NAMESPACES) {
    const pods = 6 + Math.floor(r() * 6);
    for (let p = 0; p < pods; p++, podIndex++) {
      const lang = LANGS[Math.floor(r() * LANGS.length)];
      const app = `${NOUNS[podIndex % NOUNS.length].toLowerCase()}-${['api', 'worker', 'svc', 'db'][p % 4]}`;
      const pod = `${app}-${Math.floor(r() * 0xffffff).toString(16)}-${Math.floor(r() * 0xfffff).toString(36)}`;
      const fnCount = 150 + Math.floor(r() * 250);
      const names = Array.from({ length: fnCount }, (_, i) => functionName(lang, r, i + podIndex));
      const calls = names.map(() => Array.from({ length: 2 + Math.floor(r() * 6) }, () => Math.floor(r() * fnCount)));
      const roots = lang === 'go' ? ['runtime.goexit.abi0'] : lang === 'java' ? ['[j] java.lang.Thread.run'] : lang === 'cpp' ? ['__clone3', 'start_thread'] : ['node::Start', 'uv_run'];
      services.push({
        ctx: { node: `gke-prod-pool-${1 + (podIndex % 4)}-a1b2`, namespace, pod: `${namespace}/${pod}`, container: app, process: `/app/${app} --port=8080` },
        lang,
        roots,
        calls,
        names,
        weight: 1 / Math.pow(podIndex + 1, 0.9),
      });
    }
  }
  return services;
}

/** Picks an index with a Zipf-like preference for low indexes: hot paths repeat, as in real profiles. */
function skewed(r: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(n * Math.pow(r(), 2.2)));
}

/**
 * A cluster-wide profile like Pixie's `px/perf_flamegraph` over a few minutes: ~60 pods in six
 * namespaces, Go/Java/C++/Node stacks 8-40 deep, kernel tails and unsymbolized frames.
 */
export function generateClusterProfile(uniqueStacks = 200_000, seed = 42): Profile {
  const r = random(seed);
  const services = makeServices(r);
  const totalWeight = services.reduce((s, x) => s + x.weight, 0);
  const builder = new ProfileBuilder();
  let rows = 0;
  while (builder.uniqueStacks < uniqueStacks && rows < uniqueStacks * 20) {
    rows++;
    let pick = r() * totalWeight;
    let svc = services[0];
    for (const s of services) {
      pick -= s.weight;
      if (pick <= 0) {
        svc = s;
        break;
      }
    }
    const frames = [...svc.roots];
    let fn = skewed(r, Math.min(12, svc.names.length));
    const depth = 6 + Math.floor(r() * r() * 30);
    for (let d = 0; d < depth; d++) {
      frames.push(svc.names[fn]);
      const callees = svc.calls[fn];
      fn = callees[skewed(r, callees.length)];
    }
    const tail = r();
    if (tail < 0.25) {
      const k = 2 + Math.floor(r() * 5);
      const start = Math.floor(r() * (KERNEL.length - k));
      frames.push(...KERNEL.slice(start, start + k));
    } else if (tail < 0.3) {
      frames.push(r() < 0.5 ? `[m] libc.so.6 + 0x${Math.floor(r() * 0xfffff).toString(16)}` : `0x7f${Math.floor(r() * 0xffffffff).toString(16).padStart(8, '0')}`);
    }
    builder.add(frames, 1 + Math.floor(-Math.log(1 - r()) * 3), svc.ctx);
  }
  return builder.build('pixie', { sampleIntervalMs: 10, source: 'generated cluster' });
}

/** The admin story in miniature, plus frames and a pod whose names are HTML that must show as text. */
export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
export const HOSTILE_POD = '<b onmouseover=alert(2)>evil</b>';

export function generateStoryProfile(): Profile {
  const b = new ProfileBuilder();
  const admin = { node: 'node-1', namespace: 'default', pod: 'default/admin-7d9f8c6b5-x2k4q', container: 'admin', process: '/app/admin' };
  const web = { node: 'node-1', namespace: 'default', pod: 'default/web-5f6d7c8b9-p9q8r', container: 'web', process: 'node dist/server.js' };
  const shop = { node: 'node-2', namespace: 'px-sock-shop', pod: 'px-sock-shop/orders-6c7d8e9f0-abcde', container: 'orders', process: 'java -jar orders.jar' };
  const evil = { node: 'node-2', namespace: 'px-sock-shop', pod: `px-sock-shop/${HOSTILE_POD}`, container: 'evil', process: '/evil' };
  const goBase = ['runtime.goexit.abi0', 'net/http.(*conn).serve', 'net/http.serverHandler.ServeHTTP', 'main.(*AdminHandler).ServeHTTP'];
  b.add([...goBase, 'main.listHats', 'main.generatePreviews', 'main.callManipulate', 'net/http.(*Client).Do', 'net/http.(*Transport).roundTrip', '[k] entry_SYSCALL_64_after_hwframe', '[k] do_syscall_64', '[k] tcp_sendmsg'], 420, admin);
  b.add([...goBase, 'main.listHats', 'main.generatePreviews', 'main.callManipulate', 'encoding/json.Unmarshal', 'encoding/json.(*decodeState).object'], 310, admin);
  b.add([...goBase, 'main.listHats', 'main.generatePreviews', 'image/png.Decode', 'image/png.(*decoder).readImagePass'], 260, admin);
  b.add([...goBase, 'main.listHats', 'database/sql.(*DB).QueryContext', 'github.com/lib/pq.(*conn).query'], 120, admin);
  b.add([...goBase, 'main.uploadHat', 'image/png.Encode'], 40, admin);
  b.add(['runtime.goexit.abi0', 'runtime.gcBgMarkWorker', 'runtime.gcDrain', 'runtime.scanobject'], 90, admin);
  b.add(['node::Start', 'uv_run', 'processTicksAndRejections node:internal/process/task_queues:95:5', 'renderPage /app/dist/routes/page.js:42:17', 'ejs.render /app/node_modules/ejs/lib/ejs.js:400:10'], 150, web);
  b.add(['node::Start', 'uv_run', 'processTicksAndRejections node:internal/process/task_queues:95:5', HOSTILE_NAME, 'escapeXML /app/node_modules/ejs/lib/utils.js:100:3'], 70, web);
  b.add(['[j] java.lang.Thread.run', '[j] org.springframework.web.servlet.FrameworkServlet.service', '[j] works.weave.socks.orders.OrdersController.newOrder', '[j] com.fasterxml.jackson.databind.ObjectMapper.writeValueAsString'], 180, shop);
  b.add(['[j] java.lang.Thread.run', '[j] java.util.concurrent.ThreadPoolExecutor.runWorker', '0x7f3a2b1c4d5e', '[m] libjvm.so + 0x8a2f1'], 60, shop);
  b.add(['__clone3', 'start_thread', '<not symbolized>', '[k] schedule'], 25, evil);
  return b.build('pixie', { sampleIntervalMs: 10, source: 'story' });
}
