import type { Identity } from '../../shared/identity/identity.js';
import { systemClock } from '../../shared/ports/clock.js';
import { compareVersions } from '../../shared/workflow/diff.js';
import { inboxPage } from '../../shared/workflow/inbox.js';
import { RouteAdmin } from '../../shared/workflow/routes-admin.js';
import { WorkflowService } from '../../shared/workflow/service.js';
import type { TransitionDeps } from '../../shared/workflow/transition.js';
import { agreements, changeDeps, delegations, inbox, regionProfiles, register, routes } from './adapters.js';
import { adminDeps, regionId } from './admin.js';
import { templateCatalog } from './templates.js';

/** What deciding on a route needs; signing decides the same way. */
export const transitionDeps = (): TransitionDeps => ({
  ...changeDeps(),
  agreements: agreements(),
  routes: routes(),
  templates: templateCatalog(),
  register: register(),
  regionId: regionId(),
  delegations: delegations(),
  profiles: regionProfiles(),
});

export const workflowService = () => new WorkflowService(transitionDeps());

export const routeAdmin = () =>
  new RouteAdmin({ routes: routes(), agreements: agreements(), admin: adminDeps(), regionId: regionId() });

export const inboxOf = (user: Identity, query: unknown) =>
  inboxPage(
    { inbox: inbox(), clock: systemClock, delegations: delegations(), regionId: regionId() },
    user,
    query,
  );

export const diff = (id: string, user: Identity, query: unknown) =>
  compareVersions({ agreements: agreements(), templates: templateCatalog() }, id, user, query);
