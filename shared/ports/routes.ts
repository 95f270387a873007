import type { Category, DocumentType } from '../form/agreement-form.js';
import type { Route } from '../workflow/route.js';

/** The routes admins changed (absent: the built-in default). */
export interface RouteStore {
  getRoute(documentType: DocumentType, category: Category): Promise<Route | undefined>;
  /** Saves a route as version `route.version`, only if the stored one is still `route.version - 1`. */
  putRoute(route: Route): Promise<void>;
}
