// Realistic rows of Flamelens' stack_traces table: Go, C++, Java and kernel stacks in several namespaces and pods.

import type { K8sContext } from '../../../src/core/k8sContext';

/** One row as the stack_traces PxL function returns it (pod as `namespace/pod`, like Pixie). */
export interface StackTraceRow {
  node: string;
  namespace: string;
  pod: string;
  container: string;
  cmdline: string;
  stack_trace: string;
  count: number;
}

interface Process {
  node: string;
  namespace: string;
  pod: string;
  container: string;
  cmdline: string;
}

const GO_ADMIN_BASE = [
  'runtime.goexit.abi0',
  'github.com/valyala/fasthttp.(*workerPool).workerFunc',
  'github.com/valyala/fasthttp.(*Server).serveConn',
  'github.com/gofiber/fiber/v2.(*App).handler',
  'github.com/gofiber/fiber/v2.(*App).next',
  'github.com/gofiber/fiber/v2.(*Ctx).Next',
  'main.adminHandler',
];

/** The workshop's hot path: previews generated for every pending hat on every admin page load. */
const ADMIN_STACKS: [string[], number][] = [
  [[...GO_ADMIN_BASE, 'main.createSampleImage', 'net/http.(*Client).Do', 'net/http.(*Client).do', 'net/http.(*Transport).roundTrip', 'runtime.selectgo', 'runtime.gopark', 'runtime.mcall', 'runtime.park_m', 'runtime.schedule', 'runtime.findRunnable', 'runtime.netpoll', '[k] entry_SYSCALL_64_after_hwframe', '[k] do_syscall_64', '[k] __x64_sys_epoll_wait', '[k] do_epoll_wait'], 412],
  [[...GO_ADMIN_BASE, 'main.createSampleImage', 'image/jpeg.Decode', 'image/jpeg.(*decoder).decode', 'image/jpeg.(*decoder).processSOS', 'image/jpeg.(*decoder).reconstructBlock', 'image/jpeg.idct'], 1893],
  [[...GO_ADMIN_BASE, 'main.createSampleImage', 'github.com/disintegration/imaging.Resize', 'github.com/disintegration/imaging.resizeHorizontal', 'github.com/disintegration/imaging.parallel.func1'], 2710],
  [[...GO_ADMIN_BASE, 'main.createSampleImage', 'image/png.Encode', 'image/png.(*Encoder).Encode', 'compress/zlib.(*Writer).Write', 'compress/flate.(*compressor).deflate', 'compress/flate.(*compressor).findMatch'], 988],
  [[...GO_ADMIN_BASE, 'main.listPendingHats', 'database/sql.(*DB).QueryContext', 'github.com/lib/pq.(*conn).query', 'net.(*conn).Read', 'internal/poll.(*FD).Read', 'syscall.Syscall', '[k] entry_SYSCALL_64_after_hwframe', '[k] do_syscall_64', '[k] ksys_read', '[k] vfs_read', '[k] sock_read_iter', '[k] tcp_recvmsg'], 96],
  [['runtime.goexit.abi0', 'runtime.gcBgMarkWorker', 'runtime.systemstack', 'runtime.gcBgMarkWorker.func2', 'runtime.gcDrain', 'runtime.scanobject', 'runtime.findObject'], 351],
  [['runtime.goexit.abi0', 'runtime.main', 'main.main', 'github.com/gofiber/fiber/v2.(*App).Listen', 'github.com/valyala/fasthttp.(*Server).Serve', 'net.(*TCPListener).Accept', '[k] entry_SYSCALL_64_after_hwframe', '[k] do_syscall_64', '[k] __sys_accept4'], 7],
];

/** Node.js: Pixie shows V8 frames as raw addresses today. */
const FRONTEND_STACKS: [string[], number][] = [
  [['_start', '__libc_start_main', 'node::Start(int, char**)', 'node::SpinEventLoop(node::Environment*)', 'uv_run', 'uv__io_poll', 'node::StreamBase::ReadStart()', '0x00007f3a1c2d4e10', '0x00007f3a1c2d5a88', '0x00007f3a1c2b9f20'], 640],
  [['_start', '__libc_start_main', 'node::Start(int, char**)', 'node::SpinEventLoop(node::Environment*)', 'uv_run', 'uv__io_poll', 'epoll_wait', '[k] entry_SYSCALL_64_after_hwframe', '[k] do_syscall_64', '[k] __x64_sys_epoll_wait'], 210],
  [['start_thread', 'node::WorkerThreadsTaskRunner::DelayedTaskScheduler::Run()', 'v8::internal::Heap::CollectGarbage(v8::internal::AllocationSpace, v8::internal::GarbageCollectionReason, v8::GCCallbackFlags)', 'v8::internal::ScavengerCollector::CollectGarbage()', '[m] /usr/local/bin/node + 0x0000000001a2b3c4'], 120],
];

/** C++: demangled, as Pixie symbolises native code. */
const MANIPULATE_STACKS: [string[], number][] = [
  [['_start', '__libc_start_main', 'main', 'imgsvc::Server::Run()', 'imgsvc::Handler::Manipulate(imgsvc::Request const&)', 'cv::resize(cv::_InputArray const&, cv::_OutputArray const&, cv::Size_<int>, double, double, int)', 'cv::hal::resize(int, unsigned char const*, unsigned long, int, int, unsigned char*, unsigned long, int, int, double, double, int)'], 1544],
  [['_start', '__libc_start_main', 'main', 'imgsvc::Server::Run()', 'imgsvc::Handler::Manipulate(imgsvc::Request const&)', 'imgsvc::Overlay::Blend(cv::Mat&, cv::Mat const&)', 'fib(unsigned long)', 'fib(unsigned long)', 'fib(unsigned long)'], 301],
  [['_start', '__libc_start_main', 'main', 'imgsvc::Server::Run()', 'imgsvc::Handler::Manipulate(imgsvc::Request const&)', 'operator new(unsigned long)', 'malloc', '[k] asm_exc_page_fault', '[k] exc_page_fault', '[k] do_user_addr_fault', '[k] handle_mm_fault', '[k] clear_page_erms'], 77],
];

/** Java with frame pointers preserved. */
const UPLOAD_STACKS: [string[], number][] = [
  [['[j] void java.lang.Thread.run()', '[j] void org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run()', '[j] void com.tinyhat.upload.UploadController.upload(org.springframework.web.multipart.MultipartFile)', '[j] byte[] com.tinyhat.upload.ImageStore.save(byte[])', '[j] Interpreter [4x]'], 233],
  [['[j] void java.lang.Thread.run()', '[j] void java.util.concurrent.ThreadPoolExecutor$Worker.run()', '[j] long com.tinyhat.upload.Checksums.crc(byte[])', '[j] int java.util.zip.CRC32.updateBytes0(int, byte[], int, int)'], 58],
];

/** Pixie's own agent and a kube-system DNS server. */
const SYSTEM_STACKS: [Process, [string[], number][]][] = [
  [
    { node: 'gke-demo-pool-1-a1b2', namespace: 'pl', pod: 'pl/vizier-pem-x7k2p', container: 'pem', cmdline: '/app/src/vizier/services/agent/pem/pem' },
    [
      [['_start', '__libc_start_main', 'main', 'px::stirling::Stirling::Run()', 'px::stirling::PerfProfileConnector::TransferDataImpl(px::stirling::ConnectorContext*)', 'px::stirling::PerfProfileConnector::ProcessStackTraces()', 'std::_Hashtable<...>::find(unsigned long const&)'], 188],
      [['_start', '__libc_start_main', 'main', 'px::stirling::Stirling::Run()', 'bpf_prog_load', '[k] entry_SYSCALL_64_after_hwframe', '[k] do_syscall_64', '[k] __sys_bpf', '[k] map_lookup_elem'], 41],
    ],
  ],
  [
    { node: 'gke-demo-pool-1-c3d4', namespace: 'kube-system', pod: 'kube-system/coredns-5d78c9869d-q2vwz', container: 'coredns', cmdline: '/coredns -conf /etc/coredns/Corefile' },
    [
      [['runtime.goexit.abi0', 'github.com/miekg/dns.(*Server).serveUDP.func2', 'github.com/miekg/dns.(*Server).serveDNS', 'github.com/coredns/coredns/core/dnsserver.(*Server).ServeDNS', 'github.com/coredns/coredns/plugin/cache.(*Cache).ServeDNS'], 29],
      [['<stack trace lost>'], 3],
    ],
  ],
];

const APP_PROCESSES: [Process, [string[], number][]][] = [
  [{ node: 'gke-demo-pool-1-a1b2', namespace: 'default', pod: 'default/admin-7c9f8b6d4-lx2qp', container: 'admin', cmdline: '/app/admin' }, ADMIN_STACKS],
  [{ node: 'gke-demo-pool-1-c3d4', namespace: 'default', pod: 'default/admin-7c9f8b6d4-9zt5m', container: 'admin', cmdline: '/app/admin' }, ADMIN_STACKS],
  [{ node: 'gke-demo-pool-1-a1b2', namespace: 'default', pod: 'default/frontend-6b8d7c5f9-h4k8s', container: 'frontend', cmdline: 'node /app/dist/server.js' }, FRONTEND_STACKS],
  [{ node: 'gke-demo-pool-1-c3d4', namespace: 'default', pod: 'default/manipulate-58f6d9c7b-p0wer', container: 'manipulate', cmdline: '/usr/local/bin/imgsvc --port 8080' }, MANIPULATE_STACKS],
  [{ node: 'gke-demo-pool-1-c3d4', namespace: 'default-staging', pod: 'default-staging/manipulate-7d6c5b4a3-zz9yx', container: 'manipulate', cmdline: '/usr/local/bin/imgsvc --port 8080' }, MANIPULATE_STACKS.slice(0, 1)],
  [{ node: 'gke-demo-pool-1-a1b2', namespace: 'uploads', pod: 'uploads/upload-84b7f6c9d-mm2n4', container: 'upload', cmdline: 'java -XX:+PreserveFramePointer -jar /app/upload.jar' }, UPLOAD_STACKS],
];

/** Every row of the realistic fixture (second admin pod gets half the samples). */
export function stackTraceFixture(): StackTraceRow[] {
  const rows: StackTraceRow[] = [];
  for (const [proc, stacks] of [...APP_PROCESSES, ...SYSTEM_STACKS]) {
    const scale = proc.pod.endsWith('9zt5m') ? 0.5 : 1;
    for (const [frames, count] of stacks) rows.push({ ...proc, stack_trace: frames.join(';'), count: Math.max(1, Math.round(count * scale)) });
  }
  return rows;
}

/** Rows the stack_traces PxL function would return for these arguments (substring filters, like px.contains). */
export function filterStackRows(rows: readonly StackTraceRow[], namespace: string, pod: string): StackTraceRow[] {
  return rows.filter((r) => r.namespace.includes(namespace) && r.pod.includes(pod));
}

/** The k8s context Flamelens should derive from a row. */
export function contextOfRow(row: StackTraceRow): K8sContext {
  return { node: row.node, namespace: row.namespace, pod: row.pod, container: row.container, process: row.cmdline };
}

/**
 * The `uniqueStacks` distinct rows of a large generated result: each a (pod, stack) pair
 * of its own, with count 1 + (k % 3). A result of any size repeats them in order, as
 * Pixie repeats a stack for every 30 s profile it was sampled in.
 */
export function generatedUniqueRows(uniqueStacks: number): StackTraceRow[] {
  const pods = APP_PROCESSES.map(([p]) => p);
  const bases = ADMIN_STACKS.map(([frames]) => frames.join(';'));
  const rows: StackTraceRow[] = [];
  for (let k = 0; k < uniqueStacks; k++) {
    const proc = pods[k % pods.length];
    rows.push({ ...proc, stack_trace: `${bases[k % bases.length]};main.generated${Math.floor(k / pods.length)}`, count: 1 + (k % 3) });
  }
  return rows;
}

/** Row i of a generated result is unique row i % uniqueStacks. */
export function* generatedStackRows(rows: number, uniqueStacks: number): Generator<StackTraceRow> {
  const unique = generatedUniqueRows(uniqueStacks);
  for (let i = 0; i < rows; i++) yield unique[i % uniqueStacks];
}

/** Samples in a generated result, known without keeping its rows. */
export function generatedTotalSamples(rows: number, uniqueStacks: number): number {
  const unique = generatedUniqueRows(uniqueStacks);
  const perRound = unique.reduce((s, r) => s + r.count, 0);
  let total = Math.floor(rows / uniqueStacks) * perRound;
  for (let k = 0; k < rows % uniqueStacks; k++) total += unique[k].count;
  return total;
}
