// Builds the ExecuteScript options for one of Flamelens' PxL scripts from its spec and argument values.

import { readFileSync } from 'node:fs';
import { pixieResourcePath } from './resources';
import type { ScriptSpec } from './scripts';
import type { ExecFunc } from './vizierClient';

const sources = new Map<string, string>();

/** The PxL source of a script, read once from its resource file. */
export function pxlSource(spec: ScriptSpec): string {
  let text = sources.get(spec.file);
  if (text === undefined) {
    text = readFileSync(pixieResourcePath('pxl', spec.file), 'utf8');
    sources.set(spec.file, text);
  }
  return text;
}

/**
 * query_str, query_name and one exec_func per function of the script, each given the
 * arguments it declares (missing ones as '', which the scripts read as "all").
 */
export function scriptRequest(spec: ScriptSpec, args: Record<string, string>): { script: string; queryName: string; funcs: ExecFunc[] } {
  return {
    script: pxlSource(spec),
    queryName: spec.queryName,
    funcs: spec.functions.map((f) => ({
      name: f.func,
      args: Object.fromEntries(f.args.map((a) => [a, args[a] ?? ''])),
      outputTable: f.table,
    })),
  };
}
