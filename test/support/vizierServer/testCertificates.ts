// Makes a throwaway CA and a server certificate signed by it with the openssl CLI (node's crypto cannot issue X.509).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  /** PEM of the CA that signed `cert`: what a client trusts. */
  ca: Buffer;
  /** PEM server certificate for `hosts` (SAN). */
  cert: Buffer;
  /** PEM private key of `cert`. */
  key: Buffer;
  /** PEM private key of the CA, to sign more (e.g. a client certificate). */
  caKey: Buffer;
}

const cache = new Map<string, TestCertificates>();

/**
 * A CA and a server certificate valid for `hosts` (names and IPs) for one day. EC P-256
 * keys keep it fast; results are cached per host list for the life of the process.
 */
export function makeTestCertificates(hosts: readonly string[] = ['localhost', '127.0.0.1']): TestCertificates {
  const cacheKey = hosts.join(',');
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'flamelens-tls-'));
  try {
    const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    run(['req', '-x509', ...ecKey, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=Flamelens Test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    run(['req', ...ecKey, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${hosts[0] ?? 'localhost'}`]);
    const san = hosts.map((h) => (/^[\d.]+$|:/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
    writeFileSync(join(dir, 'ext.cnf'), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
    run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '1',
      '-extfile', 'ext.cnf']);
    const certs: TestCertificates = {
      ca: readFileSync(join(dir, 'ca.crt')),
      cert: readFileSync(join(dir, 'server.crt')),
      key: readFileSync(join(dir, 'server.key')),
      caKey: readFileSync(join(dir, 'ca.key')),
    };
    cache.set(cacheKey, certs);
    return certs;
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`could not make test certificates with openssl (is it installed?): ${stderr || String(err)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
