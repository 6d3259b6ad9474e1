// `flamelens convert`: reads a profile in any supported format and writes it as folded stacks, Pixie JSON rows or pprof.

import { resolve } from 'node:path';
import { ProfileFormatError, ProfileReadCancelled } from '../../core/formats/formatError';
import { readProfileFile, readProfileStream } from '../../core/formats/readProfileFile';
import { formatForFileName, OUTPUT_FORMATS, OutputFormat, serializeProfile } from '../../core/formats/writeProfile';
import { Profile } from '../../core/profile';
import { oneOf, parseArgs, USAGE_EXIT_CODE } from '../args';
import { CliCommand, CliError, CliIo } from '../command';
import { stdoutIsTerminal, writeOutput } from '../output';

const USAGE = `Usage: flamelens convert <input> --to folded|json|pprof [-o <output>]

Reads a profile (folded stacks, Pixie JSON rows from \`px run -o json\`, pprof .pb/.pb.gz
or a Chrome .cpuprofile; the format is read from the content, '-' reads stdin) and writes:

  folded  one \`frame;frame;... count\` line per stack, k8s frames first as Pixie's UI exports them
  json    one Pixie row per line: stack_trace, count, node, namespace, pod, container, cmdline
  pprof   profile.proto (samples/count), gzipped when the output name ends in .gz or on stdout

  --to FORMAT        output format (default: the one the -o file name implies)
  -o, --output FILE  write to FILE instead of stdout`;

export const convertCommand: CliCommand = {
  name: 'convert',
  summary: 'Convert a profile between folded stacks, Pixie JSON rows and pprof',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { flags, positionals } = parseArgs(argv, { to: { type: 'string' }, output: { type: 'string', short: 'o' } }, ['input']);
    const format = outputFormat(flags.to, flags.output);
    if (format === 'pprof' && !flags.output && stdoutIsTerminal(io)) {
      throw new CliError('pprof is binary and stdout is a terminal: write it to a file with -o profile.pb.gz, or pipe it', USAGE_EXIT_CODE);
    }
    const profile = await readProfileArgument(positionals[0], io);
    const gzip = format === 'pprof' && (!flags.output || flags.output.endsWith('.gz'));
    await writeOutput(serializeProfile(profile, format, { gzip }), flags.output, io);
    return 0;
  },
};

function outputFormat(to: string | undefined, output: string | undefined): OutputFormat {
  if (to !== undefined) return oneOf('to', to, OUTPUT_FORMATS);
  const implied = output ? formatForFileName(output) : undefined;
  if (implied) return implied;
  throw new CliError(`say which format to write with --to ${OUTPUT_FORMATS.join('|')}`, USAGE_EXIT_CODE);
}

/**
 * Reads the profile a command was given: a path relative to the CLI's cwd, or `-` for
 * stdin. Format errors and cancellation become CliErrors with the file named once.
 */
export async function readProfileArgument(input: string, io: CliIo): Promise<Profile> {
  try {
    if (input === '-') return await readProfileStream(io.stdin, { name: 'stdin', signal: io.signal });
    return await readProfileFile(resolve(io.cwd, input), { signal: io.signal });
  } catch (err) {
    if (err instanceof ProfileReadCancelled) throw new CliError('cancelled', 130);
    if (err instanceof ProfileFormatError) {
      const where = input === '-' ? 'stdin' : input;
      throw new CliError(err.message.includes(baseName(input)) ? err.message : `${where}: ${err.message}`);
    }
    throw err;
  }
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
