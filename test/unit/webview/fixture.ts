// A small cluster profile as the flamegraph view receives it: two namespaces, Go with recursion, Java, kernel and hex frames.

import { buildFlameTree, FlameNode } from '../../../src/core/flameTree';
import { Profile, ProfileBuilder } from '../../../src/core/profile';

export const ADMIN = { node: 'gke-pool-1', namespace: 'default', pod: 'default/admin-7d9f8c6b5-x2k4q', container: 'admin', process: '/app/admin' };
export const ORDERS = { node: 'gke-pool-2', namespace: 'px-sock-shop', pod: 'px-sock-shop/orders-6c7d8e9f0-abcde', container: 'orders', process: 'java -jar orders.jar' };

const GO = ['runtime.goexit.abi0', 'net/http.(*conn).serve', 'main.(*AdminHandler).ServeHTTP'];

export function clusterProfile(): Profile {
  const b = new ProfileBuilder();
  b.add([...GO, 'main.listHats', 'main.generatePreviews', 'main.callManipulate', 'net/http.(*Client).Do', '[k] tcp_sendmsg'], 400, ADMIN);
  b.add([...GO, 'main.listHats', 'main.generatePreviews', 'image/png.Decode'], 250, ADMIN);
  // Recursion: the same function nested in itself.
  b.add([...GO, 'main.walkTree', 'main.walkTree', 'main.walkTree'], 100, ADMIN);
  b.add([...GO, 'main.uploadHat', 'main.generatePreviews', 'image/png.Encode'], 50, ADMIN);
  b.add(['[j] java.lang.Thread.run', '[j] works.weave.socks.orders.OrdersController.newOrder'], 150, ORDERS);
  b.add(['[j] java.lang.Thread.run', '0x7f3a2b1c4d5e'], 50, ORDERS);
  return b.build('pixie', { sampleIntervalMs: 10 });
}

export function clusterTree(): FlameNode {
  return buildFlameTree(clusterProfile());
}
