// Starts code-server (the real VS Code 1.100 server from node_modules) on a free local port, and ends its whole process group.
import { spawn, execFile } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { repoRoot } from './paths.mjs';

const codeServerEntry = join(repoRoot, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

function requireCodeServer() {
  if (!existsSync(codeServerEntry)) {
    throw new Error(`code-server is not installed (${codeServerEntry} is missing): run \`bash scripts/setup.sh\` (or \`npm ci\`) first.`);
  }
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `code-server --install-extension`: installs a packed .vsix into an extensions dir, as a user would. */
export async function installExtension({ vsix, extensionsDir, userDataDir, env }) {
  requireCodeServer();
  const args = [codeServerEntry, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--force'];
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, { env: { ...process.env, ...env }, timeout: 120_000 });
    return `${stdout}${stderr}`;
  } catch (error) {
    throw new Error(`code-server could not install ${vsix}: ${error.stderr || error.stdout || error.message}`);
  }
}

/**
 * Starts code-server detached (its own process group, so stop() can end the extension host and
 * every other child with it) and waits until it answers /healthz.
 */
export async function startCodeServer({ sandbox, env = {}, folder, logFile, startTimeoutMs = 60_000 }) {
  requireCodeServer();
  const port = await freePort();
  const log = openSync(logFile, 'w');
  const args = [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', sandbox.dirs.userData,
    '--extensions-dir', sandbox.dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    folder,
  ];
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', log, log],
    // EXTENSIONS_GALLERY='{}': no marketplace, so the page does not try the network and show an error toast.
    env: { ...process.env, ...sandbox.env, EXTENSIONS_GALLERY: '{}', ...env },
  });
  closeSync(log);
  let exited = null;
  const exitedPromise = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = { code, signal };
    resolve(exited);
  }));

  const server = {
    port,
    url: `http://127.0.0.1:${port}`,
    /** A `vscode-remote://` URI for a path on this server: the only form the web client's payload accepts. */
    remoteUri: (path) => `vscode-remote://127.0.0.1:${port}${path}`,
    async stop() {
      if (exited) return;
      signalGroup(child.pid, 'SIGTERM');
      const timedOut = await Promise.race([exitedPromise.then(() => false), sleep(5000).then(() => true)]);
      // The extension host can outlive the server: end whatever is left of the group either way.
      signalGroup(child.pid, 'SIGKILL');
      if (timedOut) await Promise.race([exitedPromise, sleep(2000)]);
    },
  };

  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`code-server exited (${exited.code ?? exited.signal}) before it was ready; its log (${logFile}):\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${server.url}/healthz`);
      if (response.ok) return server;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  await server.stop();
  throw new Error(`code-server did not answer on ${server.url} within ${startTimeoutMs / 1000} s; its log (${logFile}):\n${tail(logFile)}`);
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

export function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
