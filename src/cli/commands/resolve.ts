// `flamelens resolve`: where in a workspace a profile frame's code is, best candidate first.

import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { createWorkspaceServices, WorkspaceServices } from '../../workspace';
import { defaultWasmDir } from '../../workspace/wasmLocation';
import { parseArgs } from '../args';
import { CliCommand, CliError, CliIo } from '../command';

const USAGE = `Usage: flamelens resolve [--workspace DIR] [--map PREFIX=DIR]... [--verbose] <frame name>

Prints the definitions a frame name may refer to, best first, one per line as
  path:line
(relative to the workspace). Exits 1 when there is none, saying why on stderr.

  --workspace DIR      the workspace to search (default: the current directory; may repeat)
  --map PREFIX=DIR     a container path prefix and the workspace folder it holds, e.g.
                       --map /app=services/admin (like the flamelens.pathMappings setting)
  --verbose            add the reason and the matched name: path:line<TAB>reason<TAB>detail

Frame names are taken as profilers print them, e.g.
  main.createSampleImage
  'github.com/o/r/pkg.(*Server).Handle'
  'JS:*handler /app/dist/server.js:12:5'      (mapped through the file's source map)
  'handler (app.py:12)'`;

export const resolveCommand: CliCommand = {
  name: 'resolve',
  summary: 'Print the workspace definitions a profile frame name refers to (path:line, best first)',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { flags, positionals } = parseArgs(argv, { workspace: { type: 'list' }, map: { type: 'list' }, verbose: { type: 'boolean' } }, { required: ['frame name'], rest: true });
    const frame = positionals.join(' ');
    const services = await openWorkspace(flags.workspace, flags.map, io);
    try {
      const resolution = await services.resolveFrame(frame);
      if (io.signal.aborted) throw new CliError('cancelled');
      if (!resolution.candidates.length) {
        io.stderr.write(`flamelens resolve: ${resolution.message ?? 'no candidates'}\n`);
        return 1;
      }
      const lines = resolution.candidates.map((c) => {
        const where = `${displayPath(c.file, services.index.roots)}:${c.line}`;
        return flags.verbose ? `${where}\t${c.reason}${resolution.jump === c ? ' (sure)' : ''}\t${c.detail}\n` : `${where}\n`;
      });
      io.stdout.write(lines.join(''));
      return 0;
    } finally {
      services.dispose();
    }
  },
};

/** Services for the CLI: roots from --workspace (default cwd), mappings from --map, wasm beside the bundle. */
export async function openWorkspace(workspaces: string[], maps: string[], io: CliIo): Promise<WorkspaceServices> {
  const roots = (workspaces.length ? workspaces : ['.']).map((w) => path.resolve(io.cwd, w));
  for (const root of roots) {
    const st = await stat(root).catch(() => undefined);
    if (!st?.isDirectory()) throw new CliError(`workspace ${root} is not a directory`);
  }
  const pathMappings: Record<string, string> = {};
  for (const m of maps) {
    const eq = m.indexOf('=');
    if (eq <= 0 || eq === m.length - 1) throw new CliError(`--map wants PREFIX=DIR, e.g. --map /app=services/admin (got '${m}')`, 2);
    pathMappings[m.slice(0, eq)] = path.resolve(roots[0], m.slice(eq + 1));
  }
  const wasmDir = defaultWasmDir(io.env);
  if (!wasmDir) throw new CliError('the tree-sitter wasm files are missing: expected dist/wasm/tree-sitter.wasm beside the CLI bundle (run `npm run build`), or set FLAMELENS_WASM_DIR');
  return createWorkspaceServices({ roots, wasmDir, pathMappings });
}

/** Relative to the workspace holding the file, with `/` separators. */
export function displayPath(file: string, roots: readonly string[]): string {
  const root = roots.find((r) => file.startsWith(r + path.sep)) ?? roots[0];
  return path.relative(root, file).split(path.sep).join('/');
}
