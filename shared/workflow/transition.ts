import { randomUUID } from 'node:crypto';
import type { RegionProfile } from '../admin/region.js';
import { type Agreement, type AgreementVersion, documentToSign } from '../agreement/agreement.js';
import { mustSee } from '../agreement/queries.js';
import { type ChangeDeps, type Decision, recordChange } from '../agreement/record-change.js';
import { regionDay } from '../calendar.js';
import { type Delegation, onBehalfOf } from '../delegation/delegation.js';
import { articleKeysOf } from '../documents/negotiation.js';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import { say } from '../form/messages.js';
import { type Identity, isUnitRole, ROLE_NAMES, type Role } from '../identity/identity.js';
import type { Agreements } from '../ports/agreements.js';
import type { ChangeItem } from '../ports/changes.js';
import type { Delegations } from '../ports/delegations.js';
import type { InboxEntry } from '../ports/inbox.js';
import type { OutboxMessage } from '../ports/outbox.js';
import type { RegionProfiles } from '../ports/region.js';
import type { RegisterStore } from '../ports/register.js';
import type { RouteStore } from '../ports/routes.js';
import type { TemplateCatalog } from '../ports/templates.js';
import { biroHeadApproves, Numbering, unusedReason } from '../register/numbering.js';
import type { ActionRequest } from './action-request.js';
import { type AuditEvent, actorOf } from './audit.js';
import { alreadyDecided } from './race.js';
import { routeFor } from './routes-admin.js';
import {
  type Decidable,
  decide,
  decidedStep,
  type OpenStep,
  openSteps,
  type Workflow,
} from './state-machine.js';

const DAY = 24 * 60 * 60 * 1000;

export interface TransitionDeps extends ChangeDeps {
  agreements: Agreements;
  routes: RouteStore;
  templates: TemplateCatalog;
  register: RegisterStore;
  /** The region this deployment serves: its register numbers the agreements. */
  regionId: string;
  /** Who acts for the region's offices: the state machine is told those in force. */
  delegations: Delegations;
  /** The region's profile: how it names its offices ("Gubernur Jawa Tengah"), by role names before setup. */
  profiles: Pick<RegionProfiles, 'get'>;
}

export interface Transitioned {
  agreement: Agreement;
  event: AuditEvent;
}

export type TransitionRequest = Pick<ActionRequest, 'version' | 'comment' | 'article'> & {
  action: Decidable;
};

export interface EffectContext {
  /** As loaded, with the register number this action assigns (and the version rendered with it). */
  agreement: Agreement;
  before: Workflow;
  steps: string[];
  version: AgreementVersion;
  at: string;
  /**
   * The capacity the actor acts in, as a signature block prints it above their name: their office
   * ("Kepala Daerah"), or the official form of the delegation they act under ("a.n. GUBERNUR …",
   * "Sekretaris Daerah").
   */
  capacity: string[];
}

export interface EffectResult {
  attachment?: AuditEvent['attachment'];
  patch?: Partial<Agreement>;
  /** Keys of the files the effect wrote (under keys of this attempt): removed if the transition fails. */
  files?: string[];
}

/** What an action does besides the transition itself (store a letter, sign the PDF), before it is written. */
export type Effect = (context: EffectContext) => Promise<EffectResult>;

/**
 * Decides one action on the route and records it: the head, the event, the inbox entries that close
 * and open, a notification per opened step. Who may act is answered first: a user who may not act
 * now gets a 403 naming who may, unless the step they held (of the kind their action completes) is
 * already decided, which is a 409 naming who decided it; so is whatever a race lost on retry finds.
 * An action that reaches the register's assigning step gives the agreement its number in the same
 * change; a number the request reserved but did not write is recorded as voided.
 */
export async function transition(
  deps: TransitionDeps,
  id: string,
  user: Identity,
  request: TransitionRequest,
  effect: Effect,
): Promise<Transitioned> {
  const numbering = new Numbering(deps, actorOf(user));
  let recorded: Transitioned;
  try {
    recorded = await decideAndRecord(deps, id, user, request, effect, numbering);
  } catch (error) {
    await numbering.settle(undefined, unusedReason(error));
    throw error;
  }
  await numbering.settle(recorded.agreement, unusedReason());
  return recorded;
}

async function decideAndRecord(
  deps: TransitionDeps,
  id: string,
  user: Identity,
  request: TransitionRequest,
  effect: Effect,
  numbering: Numbering,
): Promise<Transitioned> {
  const { agreement, event } = await recordChange(deps, {
    load: () => mustSee(deps.agreements, id, user),
    decide: async (agreement, at, attempt) => {
      try {
        return await decideAction(deps, agreement, user, request, effect, at, numbering);
      } catch (error) {
        // Whoever finds, after losing a race, the step decided (or their turn passed) is told who
        // decided and when.
        if (attempt > 1 && (error instanceof ForbiddenError || error instanceof ConflictError))
          throw await alreadyDecided(deps.events, id);
        const held =
          error instanceof ForbiddenError &&
          decidedStep(
            agreement.workflow,
            user,
            agreement.initiatingUnit.code,
            request.action,
            await deps.delegations.inForce(deps.regionId, regionDay(at)),
          );
        if (held) throw await alreadyDecided(deps.events, id, held.id);
        throw error;
      }
    },
  });
  return { agreement, event };
}

async function decideAction(
  deps: TransitionDeps,
  agreement: Agreement,
  user: Identity,
  request: TransitionRequest,
  effect: Effect,
  at: string,
  numbering: Numbering,
): Promise<Decision<void>> {
  // Independent reads, one round trip.
  const [route, version, delegations, profile] = await Promise.all([
    routeFor(deps.routes, agreement.documentType, agreement.category),
    deps.agreements.getVersion(agreement.id, agreement.currentVersion),
    deps.delegations.inForce(deps.regionId, regionDay(at)),
    deps.profiles.get(deps.regionId),
  ]);
  const before = agreement.workflow;
  const decision = decide({
    workflow: before,
    unit: agreement.initiatingUnit.code,
    currentVersion: agreement.currentVersion,
    route,
    actor: user,
    action: request.action,
    version: request.version,
    ...(request.comment ? { comment: request.comment } : {}),
    delegations,
  });
  if (!version) throw new ConflictError(`Version ${agreement.currentVersion} is missing`);
  await checkArticle(deps.templates, version, request.article);
  const routeSteps = (decision.workflow.route ?? before.route)?.steps ?? [];
  const completed = routeSteps.filter((s) => decision.steps.includes(s.id));
  const assigned = await numbering.assign(agreement, version, request.action, completed, at);
  const numbered = assigned ? { ...agreement, ...assigned.patch } : agreement;
  const { capacity, onBehalf } = capacityOf(profile, user, decision.actingFor);
  const {
    attachment,
    patch,
    files = [],
  } = await effect({
    agreement: numbered,
    before,
    steps: decision.steps,
    version,
    at,
    capacity,
  });
  const after = { ...numbered, ...patch, status: decision.workflow.status, workflow: decision.workflow };
  // The Biro head's approval accepts the version's negotiated wording: the event names each deviation.
  const accepted = biroHeadApproves(request.action, completed) ? (version.deviations ?? []) : [];
  const wasOpen = openSteps(before);
  const nowOpen = openSteps(decision.workflow);
  const absent = (steps: OpenStep[]) => (s: OpenStep) => !steps.some((o) => o.id === s.id);
  const opened = nowOpen.filter(absent(wasOpen)).map((s) => inboxEntry(after, s, at));
  const items: ChangeItem[] = [
    ...(assigned ? [assigned.item] : []),
    ...wasOpen.filter(absent(nowOpen)).map((s): ChangeItem => ({ kind: 'inbox-close', stepId: s.id })),
    ...opened.map((entry): ChangeItem => ({ kind: 'inbox-open', entry })),
    ...opened.map((entry): ChangeItem => ({ kind: 'outbox', message: notification(entry, at) })),
  ];
  return {
    after,
    event: {
      actor: actorOf(user),
      action: request.action,
      documentSha256: documentToSign(agreement, version).sha256,
      steps: decision.steps,
      ...(request.comment ? { comment: request.comment } : {}),
      ...(request.article ? { article: request.article } : {}),
      ...(attachment ? { attachment } : {}),
      ...(assigned ? { register: assigned.register } : {}),
      ...(onBehalf ? { onBehalfOf: onBehalf } : {}),
      ...(accepted.length ? { acceptedDeviations: accepted } : {}),
    },
    items,
    files: [...(assigned?.files ?? []), ...files],
    result: undefined,
  };
}

/**
 * The capacity the user acts in: their own office as the region's profile names it, or the official
 * form of the delegation they act under; offices are named by their roles before the region is set up.
 */
function capacityOf(profile: RegionProfile | undefined, user: Identity, actingFor: Delegation | undefined) {
  const positions: Partial<Record<Role, string>> = profile
    ? { kepala_daerah: profile.head.position.id, sekda: profile.sekda.position.id }
    : {};
  const titleOf = (role: Role) => positions[role] ?? ROLE_NAMES[role].id;
  if (!actingFor) return { capacity: [titleOf(user.role)] };
  const onBehalf = onBehalfOf(actingFor, titleOf(actingFor.office), ROLE_NAMES[user.role].id);
  return { capacity: onBehalf.officialForm, onBehalf };
}

/** A comment may name one of the version's articles: its template's, less those left out, and those added. */
async function checkArticle(
  templates: TemplateCatalog,
  version: AgreementVersion,
  article: string | undefined,
) {
  if (!article) return;
  const template = await templates.version(version.form.documentType, version.templateVersion);
  const keys = articleKeysOf(version.form, template);
  if (!keys.includes(article)) {
    throw new ValidationError([
      {
        path: 'article',
        message: say(
          `pasal tidak dikenal; pilih: ${keys.join(', ')}`,
          `unknown article; choose one of: ${keys.join(', ')}`,
        ),
      },
    ]);
  }
}

function inboxEntry(agreement: Agreement, step: OpenStep, at: string): InboxEntry {
  return {
    agreementId: agreement.id,
    stepId: step.id,
    role: step.role,
    ...(isUnitRole(step.role) ? { unit: agreement.initiatingUnit.code } : {}),
    kind: step.kind,
    title: agreement.title,
    documentType: agreement.documentType,
    category: agreement.category,
    version: agreement.currentVersion,
    openedAt: at,
    dueAt: new Date(Date.parse(at) + step.dueDays * DAY).toISOString(),
  };
}

function notification(entry: InboxEntry, at: string): OutboxMessage {
  const title = entry.title.en ? `${entry.title.id} / ${entry.title.en}` : entry.title.id;
  return {
    id: randomUUID(),
    at,
    to: { role: entry.role, ...(entry.unit ? { unit: entry.unit } : {}) },
    agreementId: entry.agreementId,
    subject: `[Kerja Sama] ${entry.documentType} menunggu tindakan Anda / awaits your action`,
    body: [
      `${entry.documentType} (${entry.category}): ${title}`,
      `Langkah / step: ${entry.stepId} (${entry.kind}), versi / version ${entry.version}`,
      `Batas waktu / due: ${entry.dueAt.slice(0, 10)}`,
      `/api/agreements/${entry.agreementId}`,
    ].join('\n'),
  };
}
