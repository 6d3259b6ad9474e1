// Test certificates made with the `openssl` CLI (node:crypto cannot build X.509): a CA and server certificates it signs.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CertificateAuthority {
  certPem: string;
  keyPem: string;
}

export interface ServerCertificate {
  certPem: string;
  keyPem: string;
  /** The CA that signed it (what a client trusts). */
  caPem: string;
}

export function createCertificateAuthority(commonName = 'flamelens-test-ca'): CertificateAuthority {
  return inTempDir((dir) => {
    openssl(dir, [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '3', '-subj', `/CN=${commonName}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    return { certPem: read(dir, 'ca.crt'), keyPem: read(dir, 'ca.key') };
  });
}

/** A server certificate for the given DNS names and IP addresses, signed by `ca`. */
export function issueServerCertificate(ca: CertificateAuthority, names: { dns?: string[]; ips?: string[] }): ServerCertificate {
  return inTempDir((dir) => {
    writeFileSync(join(dir, 'ca.crt'), ca.certPem);
    writeFileSync(join(dir, 'ca.key'), ca.keyPem, { mode: 0o600 });
    const alt = [...(names.dns ?? []).map((d) => `DNS:${d}`), ...(names.ips ?? []).map((ip) => `IP:${ip}`)].join(',');
    writeFileSync(
      join(dir, 'ext.cnf'),
      `subjectAltName=${alt}\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`,
    );
    const cn = names.dns?.[0] ?? names.ips?.[0] ?? 'server';
    openssl(dir, ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'srv.key', '-out', 'srv.csr', '-subj', `/CN=${cn}`]);
    openssl(dir, ['x509', '-req', '-in', 'srv.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'srv.crt', '-days', '3', '-extfile', 'ext.cnf']);
    return { certPem: read(dir, 'srv.crt'), keyPem: read(dir, 'srv.key'), caPem: ca.certPem };
  });
}

let loopback: ServerCertificate | undefined;

/** One CA and 127.0.0.1/localhost certificate per test process, made on first use. */
export function loopbackServerCertificate(): ServerCertificate {
  loopback ??= issueServerCertificate(createCertificateAuthority(), { dns: ['localhost'], ips: ['127.0.0.1'] });
  return loopback;
}

function openssl(cwd: string, args: string[]): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || String(err)}`);
  }
}

function inTempDir<T>(run: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'flamelens-certs-'));
  try {
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}
