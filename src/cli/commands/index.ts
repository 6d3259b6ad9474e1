// Every `flamelens` subcommand; add one line per command.

import type { CliCommand } from '../command';
import { samplerCommand } from './sampler';
import { clustersCommand } from './clusters';
import { fetchCommand } from './fetch';
import { convertCommand } from './convert';
import { topCommand } from './top';
import { resolveCommand } from './resolve';
import { routesCommand } from './routes';

export const commands: CliCommand[] = [samplerCommand, clustersCommand, fetchCommand, convertCommand, topCommand, resolveCommand, routesCommand];
