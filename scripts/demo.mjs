// `npm run demo`: builds what is stale, starts Tinyhat, the local sampler, a load generator and code-server; Ctrl+C stops it all.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newest } from './newest.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tinyhatDir = join(root, 'examples', 'tinyhat');
const withEditor = !process.argv.includes('--no-editor');
const started = []; // { name, child } in start order
let stopping = false;
let workDir;

function say(line) {
  process.stdout.write(`demo: ${line}\n`);
}

function fail(message) {
  process.stderr.write(`demo: ${message}\n`);
  return shutdown(1);
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

function run(cmd, args, what) {
  say(what);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${what} failed (${cmd} ${args.join(' ')} exited with ${result.status ?? result.signal})`);
}

function newestVsix() {
  const files = readdirSync(root).filter((f) => /^flamelens-.*\.vsix$/.test(f)).map((f) => join(root, f));
  return files.sort((a, b) => mtime(b) - mtime(a))[0];
}

/**
 * As scripts/setup.sh decides: npm writes node_modules/.package-lock.json only when an install finished,
 * so an install cut short (Ctrl+C during the first `npm run demo`) is redone rather than half used.
 */
function dependenciesInstalled() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  return existsSync(installed) && mtime(installed) >= mtime(join(root, 'package-lock.json'));
}

async function prepare() {
  if (!dependenciesInstalled()) {
    if (existsSync(join(root, 'scripts', 'setup.sh'))) run('bash', ['scripts/setup.sh'], 'installing dependencies (scripts/setup.sh)');
    else run('npm', ['ci', '--no-audit', '--no-fund'], 'installing dependencies (npm ci)');
  }
  const inputs = ['src', 'webview', 'media', 'package.json', 'scripts/build.mjs', '.vscodeignore'].map((p) => join(root, p));
  const sources = newest(inputs);
  if (withEditor) {
    const vsix = newestVsix();
    if (!vsix || mtime(vsix) < sources || mtime(join(root, 'dist', 'cli.js')) < sources) run('npm', ['run', 'package'], 'building and packaging the extension');
    else say(`${vsix.slice(root.length + 1)} is up to date`);
  } else if (Math.min(mtime(join(root, 'dist', 'cli.js')), mtime(join(root, 'dist', 'extension.js'))) < sources) {
    run('node', ['scripts/build.mjs'], 'building the extension and CLI');
  }
  const { buildTinyhat } = await import(join(tinyhatDir, 'build.mjs'));
  say((await buildTinyhat()) ? 'built examples/tinyhat' : 'examples/tinyhat is up to date');
}

function portIsFree(port) {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** The manifest as is when its ports are free; otherwise a copy with free ports, written to the work dir. */
async function manifestToUse() {
  const path = join(tinyhatDir, 'tinyhat.manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  const ports = manifest.services.flatMap((s) => [s.port, s.targetPort]);
  const free = await Promise.all(ports.map(portIsFree));
  if (free.every(Boolean)) return { path, manifest };
  say(`ports ${ports.filter((_, i) => !free[i]).join(', ')} are taken; using free ports instead`);
  for (const s of manifest.services) {
    s.port = await freePort();
    s.targetPort = await freePort();
    s.entry = join(tinyhatDir, s.entry);
  }
  const copy = join(workDir, 'tinyhat.manifest.json');
  writeFileSync(copy, JSON.stringify(manifest, null, 2));
  return { path: copy, manifest };
}

/** Starts a process in its own process group, output to a log file; resolves when `ready` matches a stdout line. */
function startProcess(name, cmd, args, { ready, env, cwd } = {}) {
  const log = join(workDir, `${name}.log`);
  const child = spawn(cmd, args, { cwd: cwd ?? root, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push({ name, child });
  const fd = openSync(log, 'a');
  let out = '';
  const onData = (d) => {
    writeFileSync(fd, d);
    out += d.toString();
    if (out.length > 65536) out = out.slice(-32768);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.on('exit', (code, signal) => {
    if (!stopping) fail(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); see ${log}`);
  });
  if (!ready) return Promise.resolve({ child, out: () => out });
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s; see ${log}`)), 60_000);
    const check = () => {
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolveReady({ child, match: m, out: () => out });
      }
    };
    child.stdout.on('data', check);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before it was ready:\n${out.trim().split('\n').slice(-5).join('\n')}`));
    });
  });
}

async function startEditor(samplerAddress) {
  const vsix = newestVsix();
  if (!vsix) throw new Error('no flamelens-*.vsix was built; run `npm run package` and look at its output');
  const codeServer = join(root, 'node_modules', '.bin', 'code-server');
  if (!existsSync(codeServer)) {
    throw new Error('code-server is not installed (node_modules/.bin/code-server): run `bash scripts/setup.sh`, or `npm run demo -- --no-editor` to skip the editor');
  }
  const home = join(workDir, 'home');
  const dirs = { extensions: join(workDir, 'extensions'), userData: join(workDir, 'user-data'), tmp: join(workDir, 'tmp') };
  for (const d of [home, ...Object.values(dirs), join(dirs.userData, 'User')]) mkdirSync(d, { recursive: true });
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    TMPDIR: dirs.tmp,
    EXTENSIONS_GALLERY: '{}',
  };
  say(`installing ${vsix.slice(root.length + 1)} into code-server`);
  const install = spawnSync(codeServer, ['--install-extension', vsix, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData], { env, encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`code-server could not install the extension: ${(install.stderr || install.stdout).trim().split('\n').pop()}`);
  writeFileSync(
    join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'flamelens.source': 'local',
        'flamelens.local.address': samplerAddress,
        'workbench.startupEditor': 'none',
        'workbench.colorTheme': 'Default Dark Modern',
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        // examples/tinyhat sits inside the Flamelens repository: no "open the parent repository?" prompt over the views.
        'git.openRepositoryInParentFolders': 'never',
      },
      null,
      2,
    ),
  );
  const port = await freePort();
  await startProcess(
    'code-server',
    codeServer,
    [
      '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
      '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      '--ignore-last-opened', tinyhatDir,
    ],
    { env, ready: /HTTP server listening on/ },
  );
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(tinyhatDir)}`;
}

async function main() {
  await prepare();
  workDir = mkdtempSync(join(tmpdir(), 'flamelens-demo-'));
  const { path: manifestPath, manifest } = await manifestToUse();
  // Independent until requests flow (services reach their peers through the sampler's proxies): start both at once.
  const [sampler] = await Promise.all([
    startProcess('sampler', process.execPath, [join(root, 'dist', 'cli.js'), 'sampler', '--manifest', manifestPath], {
      ready: /^sampler: (127\.0\.0\.1:\d+)$/m,
    }),
    startProcess('tinyhat', process.execPath, [join(tinyhatDir, 'dist', 'launch.js'), '--manifest', manifestPath, '--data-dir', join(tinyhatDir, 'data')], {
      ready: /^tinyhat: open (\S+)$/m,
    }),
  ]);
  const samplerAddress = sampler.match[1];
  const frontend = `http://127.0.0.1:${manifest.services[0].port}`;
  await startProcess('load', process.execPath, [join(tinyhatDir, 'dist', 'load.js'), '--url', frontend]);
  say(`Tinyhat at ${frontend}/ (services, sampler and load logs in ${workDir})`);
  if (withEditor) {
    const url = await startEditor(samplerAddress);
    say(`open ${url}`);
  }
  process.stdout.write(`sampler: ${samplerAddress}\n`);
  say('Ctrl+C stops everything');
}

/** Ends every process group started here (SIGTERM, then SIGKILL), removes their perf maps and the work dir. */
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  const pids = [];
  const tinyhat = started.find((s) => s.name === 'tinyhat');
  if (tinyhat) {
    for (const m of readLog('tinyhat').matchAll(/PID (\d+)/g)) pids.push(Number(m[1]));
  }
  await Promise.all(
    [...started].reverse().map(
      ({ child }) =>
        new Promise((done) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            killGroup(child.pid, 'SIGKILL');
            return done();
          }
          const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
          child.once('exit', () => {
            clearTimeout(timer);
            // The leader is gone; anything left in its group goes too.
            killGroup(child.pid, 'SIGKILL');
            done();
          });
          killGroup(child.pid, 'SIGTERM');
        }),
    ),
  );
  for (const pid of pids) rmSync(`/tmp/perf-${pid}.map`, { force: true });
  if (workDir && code === 0) rmSync(workDir, { recursive: true, force: true });
  if (started.length > 0) say('stopped everything it started');
  process.exit(code);
}

function readLog(name) {
  try {
    return readFileSync(join(workDir, `${name}.log`), 'utf8');
  } catch {
    return '';
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
process.on('SIGHUP', () => shutdown(0));
main().catch((err) => fail(err.message));
