// Which kind of VS Code theme the webview is in, from the body classes VS Code sets (and the editor background as a fallback).

import { parseHex, relativeLuminance } from './color';
import type { ThemeKind } from './framePalette';

export function themeFromClasses(classes: readonly string[], editorBackground?: string): ThemeKind {
  // VS Code gives high-contrast light both `vscode-high-contrast` and `vscode-high-contrast-light`.
  if (classes.includes('vscode-high-contrast-light')) return 'high-contrast-light';
  if (classes.includes('vscode-high-contrast')) return 'high-contrast';
  if (classes.includes('vscode-dark')) return 'dark';
  if (classes.includes('vscode-light')) return 'light';
  const bg = editorBackground?.trim();
  if (bg && /^#[0-9a-f]{6}$/i.test(bg)) return relativeLuminance(parseHex(bg)) < 0.2 ? 'dark' : 'light';
  return 'light';
}
