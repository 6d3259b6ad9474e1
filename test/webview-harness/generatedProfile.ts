// Deterministic Pixie-like profiles for the webview harness: a large cluster-wide one, and a small one with hostile names.

import { generateProfile } from '../../bench/generate';
import { Profile, ProfileBuilder } from '../../src/core/profile';

/**
 * A cluster-wide profile like Pixie's `px/perf_flamegraph` over a few minutes, through the real row path (bench/generate.ts):
 * Go/C++/Java/Node workloads in four namespaces, kernel tails and unsymbolized frames. Three rows a unique stack: the rows
 * beyond each stack's first repeat hot stacks, as Pixie's windows do.
 */
export function generateClusterProfile(uniqueStacks = 200_000): Profile {
  return generateProfile({ rows: uniqueStacks * 3, uniqueStacks });
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
