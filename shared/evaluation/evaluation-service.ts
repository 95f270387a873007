import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import type { Agreement } from '../agreement/agreement.js';
import { AgreementQueries, LINK_TTL_SECONDS } from '../agreement/queries.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { say, toIssues } from '../form/messages.js';
import { pageQuerySchema } from '../form/paging.js';
import { BIRO_ROLES, EVALUATION_ROLES, type Identity, isUnitRole } from '../identity/identity.js';
import type {
  AgreementStore,
  ArchiveSummary,
  Clock,
  EvaluationStore,
  FileStore,
  PresignedPost,
  UploadBinding,
} from '../ports.js';
import { uploadTicket } from '../upload-ticket.js';
import { actorOf } from '../workflow/audit.js';
import {
  type ActivityReport,
  ATTACHMENT_TYPES,
  activityReportSchema,
  activityReviewSchema,
  checkActivityReport,
  standing,
} from './activity-report.js';
import { summarise } from './counters.js';
import { headChange, retryingRaces } from './head-change.js';
import { activityEntry, EVALUATION_LISTS, evaluationListSchema, planList } from './lists.js';
import { terminationSchema } from './termination.js';

const IN_FORCE: readonly Agreement['status'][] = ['active', 'expiring'];

export interface EvaluationDeps {
  store: AgreementStore;
  evaluation: EvaluationStore;
  /** The documents bucket: attachments are stored there. */
  files: FileStore;
  /** A presigned POST into the documents bucket for one attachment. */
  attachmentForm(binding: UploadBinding): Promise<PresignedPost>;
  clock: Clock;
}

const parse = <T>(schema: z.ZodType<T>, input: unknown): T => {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new ValidationError(toIssues(parsed.error));
  return parsed.data;
};

const onlyBiro = () =>
  new ForbiddenError(
    say('Hanya Biro Kerja Sama yang dapat melakukan ini', 'Only the Cooperation Bureau may do this'),
  );

/** Dashboard counts, evaluation lists, activity reports and terminations. */
export class EvaluationService {
  private readonly queries: AgreementQueries;

  constructor(private readonly deps: EvaluationDeps) {
    this.queries = new AgreementQueries(deps);
  }

  private today() {
    return this.deps.clock.now().toISOString().slice(0, 10);
  }

  async summary(user: Identity) {
    if (!EVALUATION_ROLES.includes(user.role)) {
      throw new ForbiddenError(
        say(
          'Ringkasan evaluasi hanya untuk Biro, Sekda, Kepala Daerah dan evaluator',
          'The evaluation summary is for the Bureau, the Regional Secretary, the Head of Region and evaluators',
        ),
      );
    }
    return { asOf: this.today(), ...summarise(await this.deps.evaluation.counters()) };
  }

  async list(name: string, query: unknown, user: Identity) {
    const list = evaluationListSchema.safeParse(name);
    if (!list.success)
      throw new NotFoundError(`Evaluation list ${name} (lists: ${EVALUATION_LISTS.join(', ')})`);
    const { cursor, limit } = parse(pageQuerySchema, query);
    const today = this.today();
    const page = await this.deps.evaluation.list(
      planList(list.data, today),
      isUnitRole(user.role) ? user.unit : undefined,
      limit,
      cursor,
    );
    return { list: list.data, asOf: today, ...page, items: page.items.map(withLinks) };
  }

  /** GET …/activities?cursor=&limit=: the reports, latest period first, attachments as short-lived links. */
  async activities(id: string, user: Identity, query: unknown) {
    await this.queries.mustSee(id, user);
    const { cursor, limit } = parse(pageQuerySchema, query);
    const page = await this.deps.evaluation.activityReportPage(id, limit, cursor);
    const items = await Promise.all(
      page.items.map(async (r) => ({
        ...r,
        attachments: await Promise.all(
          r.attachments.map(async (a) => ({
            ...a,
            url: await this.deps.files.downloadUrl(a.key, a.name, LINK_TTL_SECONDS),
          })),
        ),
      })),
    );
    return { ...page, items };
  }

  /**
   * The initiating OPD reports what was done in a period; attachments go straight to S3 through
   * the returned links. The report and its audit event are written together, conditioned on the
   * agreement not having moved, so two overlapping reports cannot both get in.
   */
  async report(id: string, user: Identity, body: unknown) {
    const input = parse(activityReportSchema, body);
    return retryingRaces(async () => {
      const agreement = await this.queries.mustSee(id, user);
      const reported = standing(await this.deps.evaluation.activityReports(id));
      checkActivityReport({
        report: input,
        agreement,
        user,
        reported: reported.map((r) => r.period),
        today: this.today(),
      });
      const at = this.deps.clock.now().toISOString();
      const reportId = randomUUID();
      const report: ActivityReport = {
        reportId,
        agreementId: id,
        unitCode: agreement.initiatingUnit.code,
        period: input.period,
        activities: input.activities,
        outcomes: input.outcomes,
        benefits: input.benefits,
        ...(input.budgetUsed ? { budgetUsed: input.budgetUsed } : {}),
        attachments: input.attachments.map((a, i) => ({
          ...a,
          key: `activities/${id}/${reportId}/${i + 1}.${ATTACHMENT_TYPES[a.contentType as keyof typeof ATTACHMENT_TYPES]}`,
        })),
        status: 'submitted',
        submittedAt: at,
        submittedBy: actorOf(user),
      };
      const change = headChange(agreement, {
        actor: actorOf(user),
        action: 'report-activity',
        at,
        comment: `${input.period.from} s.d. ${input.period.to}`,
      });
      await this.deps.evaluation.addActivityReport(change, report);
      // Each attachment's form takes exactly the declared type and size, nothing else.
      const now = this.deps.clock.now();
      const uploads = await Promise.all(
        report.attachments.map(async (a) => ({
          name: a.name,
          key: a.key,
          ...(await uploadTicket(
            (binding) => this.deps.attachmentForm(binding),
            { key: a.key, contentType: a.contentType, minBytes: a.size, maxBytes: a.size },
            now,
          )),
        })),
      );
      return { report, uploads };
    });
  }

  /** The Biro accepts a report (the agreement's last activity moves) or returns it to the OPD. */
  async review(id: string, reportId: string, user: Identity, body: unknown) {
    const input = parse(activityReviewSchema, body);
    if (!BIRO_ROLES.includes(user.role)) throw onlyBiro();
    return retryingRaces(async () => {
      const agreement = await this.queries.mustSee(id, user);
      const report = (await this.deps.evaluation.activityReports(id)).find((r) => r.reportId === reportId);
      if (!report) throw new NotFoundError(`Activity report ${reportId}`);
      if (report.status !== 'submitted') throw new ConflictError(`The report was already ${report.status}`);
      const at = this.deps.clock.now().toISOString();
      const accepted = input.decision === 'accept';
      const lifecycle = agreement.lifecycle;
      const last = lifecycle?.lastActivityOn ?? lifecycle?.validFrom ?? '';
      const moves = accepted && lifecycle !== undefined && report.period.to > last;
      const change = headChange(agreement, {
        actor: actorOf(user),
        action: accepted ? 'accept-activity-report' : 'return-activity-report',
        at,
        comment: input.comment ?? `${report.period.from} s.d. ${report.period.to}`,
        ...(moves && lifecycle
          ? { patch: { lifecycle: { ...lifecycle, lastActivityOn: report.period.to } } }
          : {}),
      });
      const reviewed: ActivityReport = {
        ...report,
        status: accepted ? 'accepted' : 'returned',
        review: {
          at,
          by: actorOf(user),
          decision: input.decision,
          ...(input.comment ? { comment: input.comment } : {}),
        },
      };
      // Only agreements in force are in the activity list.
      const entry =
        moves && IN_FORCE.includes(agreement.status) ? activityEntry(report.period.to) : undefined;
      await this.deps.evaluation.reviewActivityReport(change, reviewed, entry);
      return reviewed;
    });
  }

  /** Records that an agreement ended early: it leaves every evaluation list and its counters move. */
  async terminate(id: string, user: Identity, body: unknown) {
    const input = parse(terminationSchema, body);
    if (!BIRO_ROLES.includes(user.role)) throw onlyBiro();
    return retryingRaces(async () => {
      const agreement = await this.queries.mustSee(id, user);
      const lifecycle = agreement.lifecycle;
      if (!lifecycle || !['signed', ...IN_FORCE].includes(agreement.status)) {
        throw new ConflictError(
          `Only a signed agreement in force can be terminated; this one is ${agreement.status}`,
        );
      }
      if (input.on > this.today() || input.on < lifecycle.signedAt) {
        throw new ValidationError([
          {
            path: 'on',
            message: say(
              `harus antara tanggal penandatanganan (${lifecycle.signedAt}) dan hari ini`,
              `must be between the signing date (${lifecycle.signedAt}) and today`,
            ),
          },
        ]);
      }
      const { nextDue: _, ...rest } = lifecycle;
      const change = headChange(agreement, {
        actor: actorOf(user),
        action: 'terminate',
        at: this.deps.clock.now().toISOString(),
        comment: input.reason,
        patch: { status: 'terminated', lifecycle: { ...rest, terminatedOn: input.on } },
      });
      await this.deps.evaluation.advance(change, [], ['VALIDITY', 'OPEN', 'ACTIVITY'], input.on);
      return change.after;
    });
  }
}

/** A list entry with the links to the agreement, its archive record and its signed PDF. */
function withLinks(item: ArchiveSummary) {
  const id = item.agreementId;
  return {
    ...item,
    links: {
      agreement: `/api/agreements/${id}`,
      archive: `/api/archive/${id}`,
      download: `/api/archive/${id}/download`,
    },
  };
}
