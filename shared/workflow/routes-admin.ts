import type { AdminDeps } from '../admin/record-admin-change.js';
import { recordAdminChange } from '../admin/record-admin-change.js';
import type { Agreement } from '../agreement/agreement.js';
import type { AgreementStatus } from '../agreement/status.js';
import { ForbiddenError } from '../errors.js';
import type { Category, DocumentType } from '../form/agreement-form.js';
import { say } from '../form/messages.js';
import { parse } from '../form/parse.js';
import type { Identity } from '../identity/identity.js';
import type { Agreements } from '../ports/agreements.js';
import { allItems } from '../ports/page.js';
import type { RouteStore } from '../ports/routes.js';
import { defaultRoute, type Route, routeKeySchema, routeStepsSchema } from './route.js';

/** The route in force for a document type and category: the one an admin saved, else the default. */
export async function routeFor(routes: RouteStore, documentType: DocumentType, category: Category) {
  return (await routes.getRoute(documentType, category)) ?? defaultRoute(documentType, category);
}

/** Statuses of an agreement on its way along the route it was submitted with (a revision goes back to it). */
const ROUTED: readonly AgreementStatus[] = ['in_review', 'changes_requested', 'ready_to_sign'];

/** An agreement still following an earlier version of the route than the one in force. */
export interface OnEarlierVersion {
  id: string;
  title: Agreement['title'];
  status: AgreementStatus;
  unit: string;
  routeVersion: number;
}

/** A route as read: its steps, and the agreements that keep an earlier version of it. */
export type RouteView = Route & { onEarlierVersions: OnEarlierVersion[] };

/** GET|PUT /api/routes/{documentType}/{category}: the Biro reads routes, admins change them. */
export class RouteAdmin {
  constructor(
    private readonly deps: {
      routes: RouteStore;
      agreements: Pick<Agreements, 'list'>;
      admin: AdminDeps;
      regionId: string;
    },
  ) {}

  async get(params: unknown, user: Identity): Promise<RouteView> {
    mustAdminister(user, 'read');
    const key = parse(routeKeySchema, params);
    const route = await routeFor(this.deps.routes, key.documentType, key.category);
    return { ...route, onEarlierVersions: await this.onEarlierVersions(route) };
  }

  /** The agreements under way whose route, taken when they were submitted, is not `route`'s version. */
  private async onEarlierVersions(route: Route): Promise<OnEarlierVersion[]> {
    const { documentType, category } = route;
    const lists = await Promise.all(
      ROUTED.map((status) =>
        allItems((cursor) => this.deps.agreements.list({ status, documentType, category }, 100, cursor)),
      ),
    );
    return lists
      .flat()
      .filter((a) => a.workflow.route && a.workflow.route.version !== route.version)
      .map((a) => ({
        id: a.id,
        title: a.title,
        status: a.status,
        unit: a.initiatingUnit.code,
        routeVersion: a.workflow.route?.version ?? 0,
      }));
  }

  /**
   * Saves the steps as the route's next version, recorded in the admin log; later submissions take
   * it, earlier ones keep theirs.
   */
  async put(params: unknown, body: unknown, user: Identity): Promise<Route> {
    mustAdminister(user, 'write');
    const key = parse(routeKeySchema, params);
    const { steps } = parse(routeStepsSchema, body);
    return recordAdminChange(this.deps.admin, {
      regionId: this.deps.regionId,
      actor: user,
      decide: async (at) => {
        const current = await routeFor(this.deps.routes, key.documentType, key.category);
        const route: Route = {
          ...key,
          version: current.version + 1,
          steps,
          updatedAt: at,
          updatedBy: user.username,
        };
        return {
          action: 'route.update',
          target: { kind: 'route', id: `${key.documentType}/${key.category}` },
          before: { version: current.version, steps: current.steps },
          after: { version: route.version, steps },
          writes: [this.deps.routes.routeWrite(route)],
          result: route,
        };
      },
    });
  }
}

/** Routes are read by the Biro and admins, and changed by admins only. */
function mustAdminister(user: Identity, access: 'read' | 'write') {
  const allowed = access === 'write' ? ['admin'] : ['admin', 'biro_staff', 'biro_head'];
  if (!allowed.includes(user.role)) {
    throw new ForbiddenError(
      access === 'write'
        ? say('Hanya admin yang dapat mengubah alur', 'Only an admin may change a route')
        : say('Hanya Biro dan admin yang dapat melihat alur', 'Only the Biro and admins may read routes'),
    );
  }
}
