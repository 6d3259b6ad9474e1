// What lenses a file gets: route latency over handlers, CPU share over hot functions. Shared by CodeLens and hovers.

import type { EndpointLatency } from '../../core/latency';
import { endpointForRoute } from '../../core/routeLatency';
import type { ServiceFunctionCost } from '../../core/serviceCosts';
import type { Route } from '../../workspace';
import type { CodeIndex } from '../code/codeIndex';
import type { FunctionLocations } from './functionLocations';
import type { LiveData } from './liveData';

export type FileLens =
  | { kind: 'route'; line: number; route: Route; endpoint: EndpointLatency | undefined }
  | { kind: 'cpu'; line: number; cost: ServiceFunctionCost };

export class LensModel {
  private routes: Promise<Route[]> | undefined;

  constructor(
    private readonly index: CodeIndex,
    private readonly data: LiveData,
    private readonly functions: FunctionLocations,
  ) {
    index.onDidChange(() => (this.routes = undefined));
  }

  /** Lenses of one file, by 0-based line. Cheap once the index is built: lookups in prebuilt maps. */
  async lensesFor(file: string): Promise<FileLens[]> {
    this.data.start();
    // Without data there is nothing to say: the workspace is not even indexed.
    if (!this.data.latency && !this.data.profile) return [];
    await this.functions.update(this.data.profile);
    const lenses: FileLens[] = [];
    const table = this.data.latency;
    if (table) {
      for (const route of await this.allRoutes()) {
        const handler = route.handlerLocation;
        const line = handler && handler.file === file ? handler.line - 1 : route.file === file ? route.line - 1 : undefined;
        if (line === undefined) continue;
        lenses.push({ kind: 'route', line, route, endpoint: endpointForRoute(table, route.method, route.path, handler?.file ?? route.file) });
      }
    }
    for (const h of this.functions.hotspotsIn(file)) lenses.push({ kind: 'cpu', line: h.line, cost: h.cost });
    return lenses;
  }

  private allRoutes(): Promise<Route[]> {
    if (!this.routes) {
      this.routes = this.index.get().index.routes();
      this.routes.catch(() => (this.routes = undefined));
    }
    return this.routes;
  }
}

