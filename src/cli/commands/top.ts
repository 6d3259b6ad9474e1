// `flamelens top`: the functions that cost the most in a profile, optionally narrowed to part of the cluster.

import { normalizePod, SCOPE_KEYS } from '../../core/k8sContext';
import { Profile } from '../../core/profile';
import { filterProfile, isEmptyFilter, ScopeFacets, scopeFacets, ScopeFilter } from '../../core/scope';
import { CostOrder, topFunctions } from '../../core/topFunctions';
import { integer, oneOf, parseArgs } from '../args';
import { CliCommand, CliError, CliIo } from '../command';
import { readProfileArgument } from './convert';

const DEFAULT_LIMIT = 20;

const USAGE = `Usage: flamelens top <input> [--namespace NS] [--pod POD] [--container C] [--node N]
                     [--limit N] [--by self|total]

Prints the functions that cost the most, one per line, best first:
  self_samples<TAB>total_samples<TAB>name
Self samples are those where the function is the leaf; total counts every sample with the
function on the stack, once even when it recurses. k8s frames are never listed.

  --namespace NS    only this namespace
  --pod POD         only this pod (\`name\` or \`namespace/name\`)
  --container C     only this container
  --node N          only this node
  --limit N         print N functions (default ${DEFAULT_LIMIT}; 0 prints all)
  --by self|total   order by self samples (default) or total samples`;

export const topCommand: CliCommand = {
  name: 'top',
  summary: 'Print the functions with the most samples (self and total), optionally for one namespace or pod',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { flags, positionals } = parseArgs(
      argv,
      {
        namespace: { type: 'string' },
        pod: { type: 'string' },
        container: { type: 'string' },
        node: { type: 'string' },
        limit: { type: 'string' },
        by: { type: 'string' },
      },
      ['input'],
    );
    const by: CostOrder = flags.by === undefined ? 'self' : oneOf('by', flags.by, ['self', 'total'] as const);
    const limit = flags.limit === undefined ? DEFAULT_LIMIT : integer('limit', flags.limit, 0);
    const filter: ScopeFilter = { node: flags.node, namespace: flags.namespace, pod: flags.pod, container: flags.container };
    if (filter.pod?.includes('/')) {
      // Pixie names pods `namespace/pod`; accept that spelling and let it set the namespace.
      const [ns] = filter.pod.split('/', 1);
      filter.namespace ??= ns;
      filter.pod = normalizePod(filter.pod, filter.namespace);
    }

    const profile = await readProfileArgument(positionals[0], io);
    const scoped = filterProfile(profile, filter);
    if (!(scoped.totalSamples > 0)) throw new CliError(isEmptyFilter(filter) ? 'the profile has no samples' : noMatch(profile, filter));
    const top = topFunctions(scoped, { by, limit: limit === 0 ? undefined : limit });
    const lines = top.map((f) => `${f.self}\t${f.total}\t${f.name.replace(/[\t\r\n]+/g, ' ')}\n`);
    io.stdout.write(lines.join(''));
    return 0;
  },
};

/** Says which filter matched nothing and what the profile does have there. */
function noMatch(profile: Profile, filter: ScopeFilter): string {
  const facets: ScopeFacets = scopeFacets(profile, filter);
  const asked = SCOPE_KEYS.filter((k) => filter[k]);
  const parts = asked.map((k) => `${k} '${filter[k]}'`).join(', ');
  // The most specific filter that finds nothing among what the others leave (a pod not in that namespace).
  const culprit = [...asked].reverse().find((k) => !facets[k].some((f) => f.value === filter[k])) ?? asked[0];
  const known = facets[culprit].slice(0, 8).map((f) => f.value);
  const hint = known.length ? `; ${culprit}s there: ${known.join(', ')}${facets[culprit].length > known.length ? ', …' : ''}` : `; the profile has no ${culprit} information`;
  return `no samples for ${parts}${hint}`;
}
