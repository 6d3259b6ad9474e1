// What a harness script reports: each check as ok or FAIL, the screenshots it saves to look at, and a failing exit code when a check failed.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export interface HarnessReport {
  check(ok: boolean, what: string): void;
  /** Saves the page as `<outDir>/<name>.png`. */
  shot(view: { page: Page }, name: string): Promise<void>;
  /** Says how the run went and sets the exit code; call once, at the end. */
  finish(): void;
}

export function harnessReport(outDir: string): HarnessReport {
  mkdirSync(outDir, { recursive: true });
  const failures: string[] = [];
  return {
    check(ok, what) {
      console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
      if (!ok) failures.push(what);
    },
    async shot(view, name) {
      const file = join(outDir, `${name}.png`);
      await view.page.screenshot({ path: file });
      console.log(`  saved ${file}`);
    },
    finish() {
      if (failures.length) {
        console.log(`${failures.length} check(s) failed`);
        process.exitCode = 1;
      } else console.log('all checks passed');
    },
  };
}
