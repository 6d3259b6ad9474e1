// `flamelens routes`: the HTTP routes a workspace registers (Express, Fastify, Koa, net/http, Fiber, Gin, Echo, Chi, Flask, FastAPI).

import { parseArgs } from '../args';
import { CliCommand, CliError, CliIo } from '../command';
import { displayPath, openWorkspace } from './resolve';

const USAGE = `Usage: flamelens routes [--workspace DIR]...

Prints the routes found by parsing the workspace, one per line:
  METHOD<TAB>path<TAB>file:line<TAB>handler
file:line is where the route is registered (relative to the workspace); handler is the
handler's name, '(inline)' for an inline function, empty when it cannot be told.
METHOD is ANY for registrations that accept every method.

  --workspace DIR   the workspace to parse (default: the current directory; may repeat)`;

export const routesCommand: CliCommand = {
  name: 'routes',
  summary: 'Print the HTTP routes the workspace registers, with their handlers',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { flags } = parseArgs(argv, { workspace: { type: 'list' } });
    const services = await openWorkspace(flags.workspace, [], io);
    try {
      const routes = await services.index.routes();
      if (io.signal.aborted) throw new CliError('cancelled');
      const lines = routes.map((r) => {
        const handler = r.handlerName ?? (r.handlerLocation ? '(inline)' : '');
        return [r.method, clean(r.path), `${displayPath(r.file, services.index.roots)}:${r.line}`, handler].join('\t') + '\n';
      });
      io.stdout.write(lines.join(''));
      const failures = services.index.stats().failures;
      for (const f of failures) io.stderr.write(`flamelens routes: skipped ${f}\n`);
      return 0;
    } finally {
      services.dispose();
    }
  },
};

function clean(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}
