// Stands in for VS Code's acquireVsCodeApi in the webview harness: records posts, state and CSP violations for the driver.
(function () {
  const harness = { posted: [], state: undefined, cspViolations: [], alerts: [] };
  window.__flamelensHarness = harness;
  document.addEventListener('securitypolicyviolation', (e) => {
    harness.cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || ''}:${e.lineNumber || 0})`);
  });
  // A frame name that became markup would call these.
  window.alert = (text) => harness.alerts.push(String(text));
  window.acquireVsCodeApi = function () {
    return {
      postMessage(message) {
        harness.posted.push({ at: performance.now(), message });
        if (typeof window.flamelensHarnessReceive === 'function') window.flamelensHarnessReceive(message);
      },
      getState() {
        return harness.state;
      },
      setState(state) {
        harness.state = state;
      },
    };
  };
})();
