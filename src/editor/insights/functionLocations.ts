// Where the profile's costly functions are defined in the workspace: resolved once per profile, then looked up per file.

import type { Profile } from '../../core/profile';
import { serviceFunctionCosts, ServiceFunctionCost } from '../../core/serviceCosts';
import type { CodeIndex } from '../code/codeIndex';
import { log } from '../log';

export interface FunctionHotspot {
  cost: ServiceFunctionCost;
  /** 0-based line of the definition. */
  line: number;
  endLine: number;
}

/** How many of the costliest functions get a lens; beyond this they are too cheap to point at. */
const MAX_FUNCTIONS = 200;
/** Functions under this share of their service get no lens. */
const MIN_SHARE = 0.01;

export class FunctionLocations {
  private byFile = new Map<string, FunctionHotspot[]>();
  private forProfile: Profile | undefined;
  private pending: Promise<void> | undefined;

  constructor(private readonly index: CodeIndex) {}

  hotspotsIn(file: string): FunctionHotspot[] {
    return this.byFile.get(file) ?? [];
  }

  /** Resolves the profile's functions (once per profile); only unambiguous definitions are kept: a lens is never a guess. */
  update(profile: Profile | undefined): Promise<void> {
    if (profile === this.forProfile) return this.pending ?? Promise.resolve();
    this.forProfile = profile;
    this.pending = profile ? this.resolve(profile) : Promise.resolve().then(() => void (this.byFile = new Map()));
    return this.pending;
  }

  private async resolve(profile: Profile): Promise<void> {
    const started = Date.now();
    const costs = serviceFunctionCosts(profile)
      .filter((c) => c.totalShare >= MIN_SHARE)
      .slice(0, MAX_FUNCTIONS);
    const services = this.index.get();
    const byFile = new Map<string, FunctionHotspot[]>();
    for (const cost of costs) {
      if (profile !== this.forProfile) return;
      try {
        const r = await services.resolveFrame(cost.name);
        const place = r.jump ?? (r.candidates.length === 1 ? r.candidates[0] : undefined);
        if (!place) continue;
        const list = byFile.get(place.file) ?? [];
        const line = (place.definition?.line ?? place.line) - 1;
        // Two frames of one function (e.g. a JS function and its source-mapped original) share one lens: the costlier.
        if (list.some((h) => h.line === line)) continue;
        list.push({ cost, line, endLine: (place.definition?.endLine ?? place.line) - 1 });
        byFile.set(place.file, list);
      } catch (err) {
        log().debug(`cannot resolve ${cost.name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (profile !== this.forProfile) return;
    this.byFile = byFile;
    log().info(`CPU lenses: ${[...byFile.values()].reduce((n, l) => n + l.length, 0)} functions in ${byFile.size} files, resolved in ${Date.now() - started} ms`);
  }
}
