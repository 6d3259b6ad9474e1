import assert from 'node:assert/strict';
import { themeFromClasses } from '../../../webview/theme';

describe('theme detection', () => {
  it('reads the body classes VS Code sets', () => {
    assert.equal(themeFromClasses(['vscode-light']), 'light');
    assert.equal(themeFromClasses(['vscode-dark', 'vscode-reduce-motion']), 'dark');
    assert.equal(themeFromClasses(['vscode-high-contrast']), 'high-contrast');
    assert.equal(themeFromClasses(['vscode-high-contrast', 'vscode-high-contrast-light']), 'high-contrast-light');
  });

  it('falls back to the editor background when there is no class', () => {
    assert.equal(themeFromClasses([], ' #1f1f1f'), 'dark');
    assert.equal(themeFromClasses([], '#ffffff'), 'light');
    assert.equal(themeFromClasses([], ''), 'light');
  });
});
