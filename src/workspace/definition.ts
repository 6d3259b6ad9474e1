// What the index knows about one definition in the workspace: name, qualifiers, and where it is.

import type { SourceLanguage } from './sourceLanguage';

/** A place in a workspace file. Line and column are 1-based (column in UTF-16 code units, as editors count). */
export interface SourceLocation {
  /** Absolute path. */
  file: string;
  line: number;
  column: number;
}

export type DefinitionKind = 'function' | 'method' | 'constructor' | 'class' | 'type';

export interface Definition extends SourceLocation {
  /** The simple name a frame names: `Handle`, `createSampleImage`, `Kernel` (constructors too). */
  name: string;
  kind: DefinitionKind;
  language: SourceLanguage;
  /**
   * Qualifiers, outermost first, in the same normal form as ParsedFrame.scope: module
   * segments then enclosing types. Go: import path split on `/` (or `main`) then receiver
   * type; Java: package segments then classes; C++: namespaces then classes; Rust: crate,
   * modules, impl type; Python: module path then classes; JS/TS: enclosing class or object.
   */
  scope: string[];
  /** Human-readable qualified name for pickers and hovers (`main.(*Server).Handle`, `HatStore.list`). */
  qualifiedName: string;
  /** 1-based line where the definition ends (for ranges, hovers, lenses). */
  endLine: number;
}
