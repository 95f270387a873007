import { createHash, randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { Agreement, AgreementVersion } from '../agreement/agreement.js';
import { AgreementQueries } from '../agreement/queries.js';
import { attemptId, committing } from '../attempt.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { Category, DocumentType } from '../form/agreement-form.js';
import { say, toIssues } from '../form/messages.js';
import { pageFields } from '../form/paging.js';
import { type Identity, isUnitRole } from '../identity/identity.js';
import type { AgreementStore, Clock, FileStore, InboxEntry, OutboxMessage, Page } from '../ports.js';
import { type ActionRequest, actionRequestSchema } from './action-request.js';
import { type AuditEvent, actorOf, seal } from './audit.js';
import { diffVersions } from './diff.js';
import { RaceLostError, winner } from './race.js';
import { defaultRoute, type Route, routeKeySchema, routeStepsSchema } from './route.js';
import {
  type Decidable,
  decide,
  decidedStep,
  type OpenStep,
  openSteps,
  type Workflow,
} from './state-machine.js';

const DAY = 24 * 60 * 60 * 1000;
/** How many audit events one backward read looks at for the decision of a step. */
const DECISION_LOOKBACK = 200;

const diffQuerySchema = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
const inboxQuerySchema = z.object(pageFields(50));
/** Concurrent transactions on one agreement are retried this often before the loser is told. */
const ATTEMPTS = 3;

export interface WorkflowDeps {
  store: AgreementStore;
  files: FileStore;
  clock: Clock;
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

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface InboxItem extends InboxEntry {
  overdue: boolean;
}

/** Routing: decides actions, writes each transition atomically, serves inbox, diffs and routes. */
export class WorkflowService {
  protected readonly queries: AgreementQueries;

  constructor(protected readonly deps: WorkflowDeps) {
    this.queries = new AgreementQueries(deps);
  }

  async routeFor(documentType: DocumentType, category: Category): Promise<Route> {
    return (await this.deps.store.getRoute(documentType, category)) ?? defaultRoute(documentType, category);
  }

  async act(id: string, user: Identity, body: unknown): Promise<Transitioned> {
    const parsed = actionRequestSchema.safeParse(body, { reportInput: true });
    if (!parsed.success) throw new ValidationError(toIssues(parsed.error));
    const request = parsed.data;
    return this.transition(id, user, request, (ctx) => this.letter(ctx, request));
  }

  /**
   * Decides and writes one action, retrying collisions; the loser of a race learns who won. Who may
   * act is answered first: a user who may not act now gets a 403 naming who may, unless the step
   * they held (of the kind their action completes) is already decided, which is a 409 naming who
   * decided it.
   */
  protected async transition(
    id: string,
    user: Identity,
    request: TransitionRequest,
    effect: Effect,
  ): Promise<Transitioned> {
    for (let attempt = 1; ; attempt++) {
      const agreement = await this.queries.mustSee(id, user);
      try {
        return await this.attempt(agreement, user, request, effect);
      } catch (error) {
        // A collision with a concurrent transaction is retried; whoever then finds the step decided
        // (or their turn passed) gets a 409 saying who decided and when.
        if (error instanceof RaceLostError && attempt < ATTEMPTS) continue;
        const raced =
          error instanceof RaceLostError ||
          (attempt > 1 && (error instanceof ForbiddenError || error instanceof ConflictError));
        if (raced) throw await this.alreadyDecided(id);
        const held =
          error instanceof ForbiddenError &&
          decidedStep(agreement.workflow, user, agreement.initiatingUnit.code, request.action);
        if (held) throw await this.alreadyDecided(id, held.id);
        throw error;
      }
    }
  }

  private async attempt(agreement: Agreement, user: Identity, request: TransitionRequest, effect: Effect) {
    const route = await this.routeFor(agreement.documentType, agreement.category);
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
    const version = await this.deps.store.getVersion(agreement.id, agreement.currentVersion);
    if (!version) throw new ConflictError(`Version ${agreement.currentVersion} is missing`);
    await this.checkArticle(agreement, request.article);
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const context = { agreement, before, steps: decision.steps, version, at };
    const { attachment, patch, files = [] } = await effect(context);
    const event = seal(
      {
        agreementId: agreement.id,
        at,
        actor: actorOf(user),
        action: request.action,
        version: agreement.currentVersion,
        documentSha256: (agreement.signedDocument ?? version.files.pdf).sha256,
        fromStatus: before.status,
        toStatus: decision.workflow.status,
        ...(decision.steps.length ? { steps: decision.steps } : {}),
        ...(request.comment ? { comment: request.comment } : {}),
        ...(request.article ? { article: request.article } : {}),
        ...(attachment ? { attachment } : {}),
      },
      agreement.lastEvent,
    );
    const updated: Agreement = {
      ...agreement,
      ...patch,
      status: decision.workflow.status,
      workflow: decision.workflow,
      lastEvent: { seq: event.seq, hash: event.hash },
      updatedAt: at,
    };
    const wasOpen = openSteps(before);
    const nowOpen = openSteps(decision.workflow);
    const absent = (steps: OpenStep[]) => (s: OpenStep) => !steps.some((o) => o.id === s.id);
    const open = nowOpen.filter(absent(wasOpen)).map((s) => this.inboxEntry(updated, s, now));
    await committing(this.deps.files, files, () =>
      this.deps.store.transition({
        agreement: updated,
        event,
        before: agreement,
        open,
        close: wasOpen.filter(absent(nowOpen)).map((s) => s.id),
        outbox: open.map((entry) => this.notification(entry, at)),
      }),
    );
    return { agreement: updated, event };
  }

  /**
   * The 409 for whoever lost: who decided `step` (the user's own step, decided already), or else
   * whoever decided the agreement last, and when.
   */
  private async alreadyDecided(id: string, step?: string): Promise<ConflictError> {
    const decision = step ? await this.decisionOf(id, step) : await this.deps.store.lastEvent(id);
    if (!decision) {
      return new ConflictError(
        say(
          'Sudah diputuskan oleh pengguna lain: muat ulang kerja sama ini',
          'Already decided by someone else: reload the agreement',
        ),
      );
    }
    const { who, details } = winner(decision);
    const which = step ? { id: ` (langkah "${step}")`, en: ` (step "${step}")` } : { id: '', en: '' };
    return new ConflictError(
      say(
        `Sudah diputuskan oleh ${who} pada ${decision.at}${which.id}: muat ulang kerja sama ini`,
        `Already decided by ${who} at ${decision.at}${which.en}: reload the agreement`,
      ),
      { ...details, ...(step ? { step } : {}) },
    );
  }

  /** The newest event that decided `step`, read backwards a range at a time (downloads may follow it). */
  private async decisionOf(id: string, step: string): Promise<AuditEvent | undefined> {
    const last = await this.deps.store.lastEvent(id);
    for (let upTo = last?.seq ?? 0; upTo > 0; upTo -= DECISION_LOOKBACK) {
      const events: AuditEvent[] = [];
      await this.deps.store.eventPages(id, { after: Math.max(0, upTo - DECISION_LOOKBACK), upTo }, (page) =>
        events.push(...page),
      );
      const found = events.findLast((e) => e.steps?.includes(step));
      if (found) return found;
    }
    return undefined;
  }

  private async checkArticle(agreement: Agreement, article: string | undefined) {
    if (!article) return;
    const { CURRENT_TEMPLATES } = await import('../../templates/index.js');
    const keys = CURRENT_TEMPLATES[agreement.documentType].articles.map((a) => a.key as string);
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

  /** A consultation step is completed with the central government's letter, stored beside the agreement. */
  private async letter(
    { agreement, before, steps }: EffectContext,
    request: ActionRequest,
  ): Promise<EffectResult> {
    const consults = openSteps(before).filter((s) => s.kind === 'consult' && steps.includes(s.id));
    const approving = !['reject', 'request_changes'].includes(request.action);
    if (!consults.length || !approving) return {};
    if (!request.letter) {
      throw new ValidationError([
        {
          path: 'letter',
          message: say(
            'unggah surat dari Kemendagri/Kemenlu (PDF) untuk menyelesaikan konsultasi',
            'upload the letter from the central government (PDF) to complete the consultation',
          ),
        },
      ]);
    }
    const bytes = Buffer.from(request.letter.contentBase64, 'base64');
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw new ValidationError([
        { path: 'letter.contentBase64', message: say('bukan berkas PDF', 'is not a PDF file') },
      ]);
    }
    // Under this attempt's own folder: two concurrent decisions never write the same object.
    const key = `agreements/${agreement.id}/letters/${attemptId()}/${request.letter.name.replace(/[^\w.-]/g, '_')}`;
    await this.deps.files.put(key, bytes, 'application/pdf');
    return { attachment: { key, name: request.letter.name, sha256: sha256(bytes) }, files: [key] };
  }

  private inboxEntry(agreement: Agreement, step: OpenStep, now: Date): InboxEntry {
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
      openedAt: now.toISOString(),
      dueAt: new Date(now.getTime() + step.dueDays * DAY).toISOString(),
    };
  }

  private notification(entry: InboxEntry, at: string): OutboxMessage {
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

  async inbox(user: Identity, query: unknown): Promise<Page<InboxItem>> {
    const parsed = inboxQuerySchema.safeParse(query, { reportInput: true });
    if (!parsed.success) throw new ValidationError(toIssues(parsed.error));
    const { limit, cursor } = parsed.data;
    const page = await this.deps.store.inbox(
      user.role,
      isUnitRole(user.role) ? user.unit : undefined,
      limit,
      cursor,
    );
    const now = this.deps.clock.now().toISOString();
    return { ...page, items: page.items.map((e) => ({ ...e, overdue: e.dueAt < now })) };
  }

  /** GET …/diff?from=&to=: what changed between two versions, article by article. */
  async diff(id: string, user: Identity, query: unknown) {
    await this.queries.mustSee(id, user);
    const parsed = diffQuerySchema.safeParse(query, { reportInput: true });
    if (!parsed.success) throw new ValidationError(toIssues(parsed.error));
    const { from, to } = parsed.data;
    const [a, b] = await Promise.all([
      this.deps.store.getVersion(id, from),
      this.deps.store.getVersion(id, to),
    ]);
    if (!a || !b) throw new NotFoundError(`Version ${!a ? from : to} of agreement ${id}`);
    return { id, from, to, sections: diffVersions(a, b) };
  }

  async getRoute(params: unknown, user: Identity): Promise<Route> {
    mustAdminister(user, 'read');
    const key = routeKeySchema.safeParse(params, { reportInput: true });
    if (!key.success) throw new ValidationError(toIssues(key.error));
    return this.routeFor(key.data.documentType, key.data.category);
  }

  async putRoute(params: unknown, body: unknown, user: Identity): Promise<Route> {
    mustAdminister(user, 'write');
    const key = routeKeySchema.safeParse(params, { reportInput: true });
    if (!key.success) throw new ValidationError(toIssues(key.error));
    const steps = routeStepsSchema.safeParse(body, { reportInput: true });
    if (!steps.success) throw new ValidationError(toIssues(steps.error));
    const current = await this.routeFor(key.data.documentType, key.data.category);
    const route: Route = {
      ...key.data,
      version: current.version + 1,
      steps: steps.data.steps,
      updatedAt: this.deps.clock.now().toISOString(),
      updatedBy: user.username,
    };
    await this.deps.store.putRoute(route);
    return route;
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
