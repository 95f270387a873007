import type { Category, DocumentType } from '../form/agreement-form.js';
import type { Route } from '../workflow/route.js';
import type { StagedWrite } from './admin-log.js';

/** The routes admins changed (absent: the built-in default). */
export interface RouteStore {
  getRoute(documentType: DocumentType, category: Category): Promise<Route | undefined>;
  /**
   * The write that saves a route as version `route.version`, only if the stored one is still
   * `route.version - 1`: committed with the admin event that records the change.
   */
  routeWrite(route: Route): StagedWrite;
}
