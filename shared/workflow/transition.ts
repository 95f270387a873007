import { randomUUID } from 'node:crypto';
import type { Agreement, AgreementVersion } from '../agreement/agreement.js';
import { mustSee } from '../agreement/queries.js';
import { type ChangeDeps, type Decision, recordChange } from '../agreement/record-change.js';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import { say } from '../form/messages.js';
import { type Identity, isUnitRole } from '../identity/identity.js';
import type { Agreements } from '../ports/agreements.js';
import type { ChangeItem } from '../ports/changes.js';
import type { InboxEntry } from '../ports/inbox.js';
import type { OutboxMessage } from '../ports/outbox.js';
import type { RouteStore } from '../ports/routes.js';
import type { TemplateCatalog } from '../ports/templates.js';
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
}

export interface Transitioned {
  agreement: Agreement;
  event: AuditEvent;
}

export type TransitionRequest = Pick<ActionRequest, 'version' | 'comment' | 'article'> & {
  action: Decidable;
};

export interface EffectContext {
  agreement: Agreement;
  before: Workflow;
  steps: string[];
  version: AgreementVersion;
  at: string;
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
 */
export async function transition(
  deps: TransitionDeps,
  id: string,
  user: Identity,
  request: TransitionRequest,
  effect: Effect,
): Promise<Transitioned> {
  const { agreement, event } = await recordChange(deps, {
    load: () => mustSee(deps.agreements, id, user),
    decide: async (agreement, at, attempt) => {
      try {
        return await decideAction(deps, agreement, user, request, effect, at);
      } catch (error) {
        // Whoever finds, after losing a race, the step decided (or their turn passed) is told who
        // decided and when.
        if (attempt > 1 && (error instanceof ForbiddenError || error instanceof ConflictError))
          throw await alreadyDecided(deps.events, id);
        const held =
          error instanceof ForbiddenError &&
          decidedStep(agreement.workflow, user, agreement.initiatingUnit.code, request.action);
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
): Promise<Decision<void>> {
  // Two independent reads, one round trip.
  const [route, version] = await Promise.all([
    routeFor(deps.routes, agreement.documentType, agreement.category),
    deps.agreements.getVersion(agreement.id, agreement.currentVersion),
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
  });
  if (!version) throw new ConflictError(`Version ${agreement.currentVersion} is missing`);
  await checkArticle(deps.templates, version, request.article);
  const {
    attachment,
    patch,
    files = [],
  } = await effect({
    agreement,
    before,
    steps: decision.steps,
    version,
    at,
  });
  const after = { ...agreement, ...patch, status: decision.workflow.status, workflow: decision.workflow };
  const wasOpen = openSteps(before);
  const nowOpen = openSteps(decision.workflow);
  const absent = (steps: OpenStep[]) => (s: OpenStep) => !steps.some((o) => o.id === s.id);
  const opened = nowOpen.filter(absent(wasOpen)).map((s) => inboxEntry(after, s, at));
  const items: ChangeItem[] = [
    ...wasOpen.filter(absent(nowOpen)).map((s): ChangeItem => ({ kind: 'inbox-close', stepId: s.id })),
    ...opened.map((entry): ChangeItem => ({ kind: 'inbox-open', entry })),
    ...opened.map((entry): ChangeItem => ({ kind: 'outbox', message: notification(entry, at) })),
  ];
  return {
    after,
    event: {
      actor: actorOf(user),
      action: request.action,
      documentSha256: (agreement.signedDocument ?? version.files.pdf).sha256,
      steps: decision.steps,
      ...(request.comment ? { comment: request.comment } : {}),
      ...(request.article ? { article: request.article } : {}),
      ...(attachment ? { attachment } : {}),
    },
    items,
    files,
    result: undefined,
  };
}

/** A comment may name one of the articles of the template the version was drafted with. */
async function checkArticle(
  templates: TemplateCatalog,
  version: AgreementVersion,
  article: string | undefined,
) {
  if (!article) return;
  const template = await templates.version(version.form.documentType, version.templateVersion);
  const keys = template.articles.map((a) => a.key);
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
