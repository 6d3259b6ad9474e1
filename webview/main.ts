// Entry of the flamegraph webview: builds the view into #app, follows the theme, and tells the host it is ready.

import { FlamegraphApp } from './app';
import { connectToHost } from './hostChannel';
import { themeFromClasses } from './theme';

function currentTheme() {
  const background = getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-background');
  return themeFromClasses([...document.body.classList], background);
}

const host = connectToHost();
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
const app = new FlamegraphApp(root, host, currentTheme());

host.onMessage((message) => {
  try {
    app.handle(message);
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    app.handle({ type: 'error', message: `The flamegraph could not be drawn: ${text}` });
    host.post({ type: 'error', message: `webview failed on '${message.type}': ${text}` });
  }
});

// VS Code swaps the body classes and CSS variables when the user changes theme.
new MutationObserver(() => app.setTheme(currentTheme())).observe(document.body, { attributes: true, attributeFilter: ['class'] });

window.addEventListener('error', (e) => host.post({ type: 'error', message: `webview error: ${e.message}` }));
window.addEventListener('unhandledrejection', (e) => host.post({ type: 'error', message: `webview error: ${String(e.reason)}` }));

host.post({ type: 'ready' });
