// Stands in for VS Code's acquireVsCodeApi in the webview harness: records posts (with page-clock times), alerts and CSP
// violations for the driver; keeps setState in sessionStorage so a page reload plays a webview hidden and shown again
// (VS Code restores getState then).
(function () {
  const harness = { posted: [], cspViolations: [], alerts: [] };
  window.__webviewHarness = harness;
  document.addEventListener('securitypolicyviolation', (e) => {
    harness.cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || ''}:${e.lineNumber || 0})`);
  });
  // A frame, service or path name that became markup would call this.
  window.alert = (text) => harness.alerts.push(String(text));
  let acquired = false;
  window.acquireVsCodeApi = function () {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return {
      postMessage(message) {
        harness.posted.push({ at: performance.now(), message });
        if (typeof window.webviewHarnessReceive === 'function') window.webviewHarnessReceive(message);
      },
      getState() {
        const raw = sessionStorage.getItem('vscode-state');
        return raw === null ? undefined : JSON.parse(raw);
      },
      setState(state) {
        sessionStorage.setItem('vscode-state', JSON.stringify(state));
      },
    };
  };
})();
