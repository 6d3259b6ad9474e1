// The webviews' HTML shell, free of `vscode` so the browser harness serves the very same page: strict CSP, nonce'd scripts, no data.

import { randomBytes } from 'node:crypto';

export interface WebviewPage {
  /** Origin the CSP allows styles, fonts and images from (the webview's cspSource). */
  cspSource: string;
  /** Stylesheet URLs, in order. */
  styleUrls: string[];
  /** Script URLs, in order; each gets the page's nonce. */
  scriptUrls: string[];
  title: string;
  bodyClass?: string;
}

export function webviewShell(page: WebviewPage): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `img-src ${page.cspSource} data:`,
    `style-src ${page.cspSource}`,
    `font-src ${page.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${page.styleUrls.map((url) => `<link rel="stylesheet" href="${url}">`).join('\n')}
<title>${page.title}</title>
</head>
<body${page.bodyClass ? ` class="${page.bodyClass}"` : ''}>
<div id="app"></div>
${page.scriptUrls.map((url) => `<script nonce="${nonce}" src="${url}"></script>`).join('\n')}
</body>
</html>`;
}
