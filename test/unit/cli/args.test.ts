import * as assert from 'node:assert/strict';
import { integer, oneOf, parseArgs } from '../../../src/cli/args';
import { CliError } from '../../../src/cli/command';

const spec = {
  to: { type: 'string' },
  output: { type: 'string', short: 'o' },
  namespace: { type: 'string' },
  json: { type: 'boolean' },
  label: { type: 'list' },
} as const;

function usageError(fn: () => unknown, message: string): void {
  assert.throws(fn, (err: unknown) => err instanceof CliError && err.exitCode === 2 && err.message === message);
}

describe('CLI arguments', () => {
  it('reads `--x value`, `--x=value`, short flags, booleans, repeated flags and positionals', () => {
    const { flags, positionals } = parseArgs(
      ['in.folded', '--to', 'pprof', '-o', 'out.pb.gz', '--namespace=default', '--json', '--label', 'a', '--label=b=c'],
      spec,
      ['input'],
    );
    assert.deepEqual(flags, { to: 'pprof', output: 'out.pb.gz', namespace: 'default', json: true, label: ['a', 'b=c'] });
    assert.deepEqual(positionals, ['in.folded']);
  });

  it('gives defaults for flags not given', () => {
    const { flags } = parseArgs(['x'], spec, ['input']);
    assert.deepEqual(flags, { to: undefined, output: undefined, namespace: undefined, json: false, label: [] });
  });

  it('takes `-` as a positional and everything after `--` as positionals', () => {
    assert.deepEqual(parseArgs(['-', '--to', 'json'], spec, ['input']).positionals, ['-']);
    assert.deepEqual(parseArgs(['--', '--to'], spec, { optional: ['input'] }).positionals, ['--to']);
    assert.equal(parseArgs(['--to', '-5'], spec).flags.to, '-5');
  });

  it('rejects unknown options, suggesting the likely one', () => {
    usageError(() => parseArgs(['--namespce', 'x'], spec), 'unknown option --namespce (did you mean --namespace?)');
    usageError(() => parseArgs(['--frobnicate'], spec), 'unknown option --frobnicate');
    usageError(() => parseArgs(['-x'], spec), 'unknown option -x');
    usageError(() => parseArgs(['--toString'], spec), 'unknown option --toString');
  });

  it('rejects missing values, values on booleans, and wrong positionals', () => {
    usageError(() => parseArgs(['--to'], spec), 'option --to needs a value');
    usageError(() => parseArgs(['-o'], spec), 'option -o needs a value');
    usageError(() => parseArgs(['--json=yes'], spec), 'option --json takes no value');
    usageError(() => parseArgs([], spec, ['input']), 'missing <input>');
    usageError(() => parseArgs(['a', 'b'], spec, ['input']), "unexpected argument 'b'");
    assert.deepEqual(parseArgs(['a', 'b', 'c'], spec, { required: ['input'], rest: true }).positionals, ['a', 'b', 'c']);
  });

  it('checks choices and numbers with messages naming the flag', () => {
    assert.equal(oneOf('to', 'json', ['folded', 'json', 'pprof']), 'json');
    usageError(() => oneOf('to', 'svg', ['folded', 'json', 'pprof']), "--to must be one of folded, json, pprof (got 'svg')");
    assert.equal(integer('limit', '10'), 10);
    assert.equal(integer('limit', '0'), 0);
    usageError(() => integer('limit', 'ten'), "--limit must be a whole number (0 or more) (got 'ten')");
    usageError(() => integer('limit', '0', 1), "--limit must be a whole number of at least 1 (got '0')");
    usageError(() => integer('limit', '2.5'), "--limit must be a whole number (0 or more) (got '2.5')");
  });
});
