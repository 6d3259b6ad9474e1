// Every `flamelens` subcommand; add one line per command.

import type { CliCommand } from '../command';

export const commands: CliCommand[] = [];
