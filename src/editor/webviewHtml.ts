// The webviews' HTML: the shared shell (webviewShell.ts) with the extension's own script and styles as webview URIs.

import * as vscode from 'vscode';
import { webviewShell } from './webviewShell';

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export function flamegraphHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewHtml(webview, extensionUri, { script: 'main', styles: ['flamegraph.css'], title: 'Flamegraph' });
}

export function latencyHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewHtml(webview, extensionUri, { script: 'latency', styles: ['latency.css'], title: 'Service Latency' });
}

/** `script` is a bundle in dist/webview (with its css); `styles` are files in media/. */
function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: { script: string; styles: string[]; title: string }): string {
  const asset = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  return webviewShell({
    cspSource: webview.cspSource,
    styleUrls: [asset('dist', 'webview', `${page.script}.css`), ...page.styles.map((s) => asset('media', s))],
    scriptUrls: [asset('dist', 'webview', `${page.script}.js`)],
    title: page.title,
  });
}
