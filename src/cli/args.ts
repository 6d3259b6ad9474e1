// The argument parser every `flamelens` command uses: declare the flags, get typed values and positionals, or a usage error.
//
//   const args = parseArgs(argv, {
//     to: { type: 'string' },
//     output: { type: 'string', short: 'o' },
//     json: { type: 'boolean' },
//     label: { type: 'list' },
//   }, { positionals: ['input'] });
//   args.flags.to        // string | undefined     (--to pprof, --to=pprof)
//   args.flags.json      // boolean                (--json)
//   args.flags.label     // string[]               (--label a --label b)
//   args.positionals[0]  // the input
//
// Flag names are written as on the command line (`'pxl-file'` for `--pxl-file`). `--`
// ends the flags; a lone `-` is a positional (stdin, by convention). Mistakes throw
// CliError with exit code 2 and a message naming the flag, e.g. `unknown option
// --namespce (did you mean --namespace?)`.

import { CliError } from './command';

export type FlagSpec =
  | { type: 'string'; short?: string }
  | { type: 'boolean'; short?: string }
  /** A string flag that may repeat; the values in order. */
  | { type: 'list'; short?: string };

export type FlagSpecs = Record<string, FlagSpec>;

export type FlagValues<S extends FlagSpecs> = {
  [K in keyof S]: S[K]['type'] extends 'boolean' ? boolean : S[K]['type'] extends 'list' ? string[] : string | undefined;
};

export interface ParsedArgs<S extends FlagSpecs> {
  flags: FlagValues<S>;
  positionals: string[];
}

export interface PositionalSpec {
  /** Names of the required positionals, in order (they appear in the error when missing). */
  required?: string[];
  /** Names of optional positionals that may follow. */
  optional?: string[];
  /** Accept any number of extra positionals. */
  rest?: boolean;
}

/** Usage errors exit with 2, like most CLIs. */
export const USAGE_EXIT_CODE = 2;

export function parseArgs<S extends FlagSpecs>(argv: readonly string[], spec: S, positionals: PositionalSpec | string[] = {}): ParsedArgs<S> {
  const expected: PositionalSpec = Array.isArray(positionals) ? { required: positionals } : positionals;
  const flags: Record<string, string | boolean | string[] | undefined> = {};
  for (const [name, s] of Object.entries(spec)) flags[name] = s.type === 'boolean' ? false : s.type === 'list' ? [] : undefined;
  const shorts = new Map<string, string>();
  for (const [name, s] of Object.entries(spec)) if (s.short) shorts.set(s.short, name);
  const rest: string[] = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      rest.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const eq = arg.indexOf('=');
    const key = long ? arg.slice(2, eq > 0 ? eq : undefined) : arg.slice(1, eq > 0 ? eq : undefined);
    const name = long ? key : shorts.get(key);
    const written = long ? `--${key}` : `-${key}`;
    if (name === undefined || !Object.hasOwn(spec, name)) throw usage(`unknown option ${written}${suggestion(key, spec, long)}`);
    const s = spec[name];
    if (s.type === 'boolean') {
      if (eq > 0) throw usage(`option ${written} takes no value`);
      flags[name] = true;
      continue;
    }
    let value: string;
    if (eq > 0) {
      value = arg.slice(eq + 1);
    } else {
      if (i + 1 >= argv.length) throw usage(`option ${written} needs a value`);
      value = argv[++i];
    }
    if (s.type === 'list') (flags[name] as string[]).push(value);
    else flags[name] = value;
  }

  const required = expected.required ?? [];
  const optional = expected.optional ?? [];
  if (rest.length < required.length) throw usage(`missing <${required[rest.length]}>`);
  if (!expected.rest && rest.length > required.length + optional.length) {
    throw usage(`unexpected argument '${rest[required.length + optional.length]}'`);
  }
  return { flags: flags as FlagValues<S>, positionals: rest };
}

/** A flag value that must be one of a few words. */
export function oneOf<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw usage(`--${flag} must be one of ${choices.join(', ')} (got '${value}')`);
}

/** A flag value that must be a whole number of at least `min`. */
export function integer(flag: string, value: string, min = 0): number {
  const n = /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) throw usage(`--${flag} must be a whole number${min > 0 ? ` of at least ${min}` : min === 0 ? ' (0 or more)' : ''} (got '${value}')`);
  return n;
}

function usage(message: string): CliError {
  return new CliError(message, USAGE_EXIT_CODE);
}

function suggestion(key: string, spec: FlagSpecs, long: boolean): string {
  if (!long) return '';
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of Object.keys(spec)) {
    const d = distance(key, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean --${best}?)` : '';
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
