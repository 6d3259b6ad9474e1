// Entry of the service latency webview: builds the view into #app and tells the host it is ready.

import './layout.css';
import { LatencyApp } from './app';
import { connectToHost } from './hostChannel';

const host = connectToHost();
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
const app = new LatencyApp(root, host);

host.onMessage((message) => {
  try {
    app.handle(message);
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    app.handle({ type: 'error', message: `The latency view could not be drawn: ${text}` });
    host.post({ type: 'error', message: `latency webview failed on '${message.type}': ${text}` });
  }
});

window.addEventListener('error', (e) => host.post({ type: 'error', message: `latency webview error: ${e.message}` }));
window.addEventListener('unhandledrejection', (e) => host.post({ type: 'error', message: `latency webview error: ${String(e.reason)}` }));

host.post({ type: 'ready' });
