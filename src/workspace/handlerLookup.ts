// Finds where a route's named handler is defined, preferring the same file, then the named package, then a unique match.

import * as path from 'node:path';
import type { Definition } from './definition';
import type { HandlerReference, Route, RouteRegistration } from './routes/route';
import { languageFamily } from './sourceLanguage';

/**
 * Returns the registration as a Route with `handlerLocation` filled in when exactly one
 * definition is the handler at the first level that finds any; several equally good
 * definitions leave it empty rather than guessing.
 */
export function resolveHandler(route: RouteRegistration, language: Definition['language'], definitionsNamed: (name: string) => readonly Definition[]): Route {
  const { handlerRef, ...plain } = route;
  if (plain.handlerLocation || !handlerRef) return plain;
  const found = lookup(handlerRef, route.file, language, definitionsNamed);
  if (found) plain.handlerLocation = { file: found.file, line: found.line, column: found.column, endLine: found.endLine };
  return plain;
}

function lookup(ref: HandlerReference, file: string, language: Definition['language'], definitionsNamed: (name: string) => readonly Definition[]): Definition | undefined {
  const family = languageFamily(language);
  const all = definitionsNamed(ref.name).filter((d) => languageFamily(d.language) === family && d.kind !== 'class' && d.kind !== 'type');
  if (all.length === 0) return undefined;
  const dir = path.dirname(file);
  const levels: Array<(d: Definition) => boolean> = [
    (d) => d.file === file,
    // `handlers.UnmoderatedPic` (Go package), `controller.list` (object or module named so).
    (d) => !!ref.qualifier && (d.scope[d.scope.length - 1] === ref.qualifier || baseName(d.file) === ref.qualifier),
    (d) => path.dirname(d.file) === dir,
    () => true,
  ];
  for (const level of levels) {
    const hits = all.filter(level);
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) return undefined;
  }
  return undefined;
}

function baseName(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '');
}
