import { randomUUID } from 'node:crypto';
import { archivedSha256 } from '../agreement/agreement.js';
import { LINK_TTL_SECONDS, mustSee } from '../agreement/queries.js';
import { type ChangeDeps, recordChange } from '../agreement/record-change.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { pageQuerySchema } from '../form/paging.js';
import { parse } from '../form/parse.js';
import { BIRO_ROLES, type Identity } from '../identity/identity.js';
import type { ActivityReports } from '../ports/activity-reports.js';
import type { Agreements } from '../ports/agreements.js';
import type { ChangeItem } from '../ports/changes.js';
import type { PresignedPost, UploadBinding } from '../ports/upload-forms.js';
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
import { activityEntry } from './lists.js';
import { IN_FORCE, onlyBiro } from './termination.js';

export interface ActivityDeps extends ChangeDeps {
  agreements: Agreements;
  activityReports: ActivityReports;
  /** A presigned POST into the documents bucket for one attachment. */
  attachmentForm(binding: UploadBinding): Promise<PresignedPost>;
}

/** The initiating OPD's activity reports on an agreement in force, and the Biro's review of them. */
export class ActivityReporting {
  constructor(private readonly deps: ActivityDeps) {}

  private today() {
    return this.deps.clock.now().toISOString().slice(0, 10);
  }

  /** GET …/activities?cursor=&limit=: the reports, latest period first, attachments as short-lived links. */
  async activities(id: string, user: Identity, query: unknown) {
    await mustSee(this.deps.agreements, id, user);
    const { cursor, limit } = parse(pageQuerySchema, query);
    const page = await this.deps.activityReports.activityReportPage(id, limit, cursor);
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
    const { result: report } = await recordChange(this.deps, {
      load: () => mustSee(this.deps.agreements, id, user),
      decide: async (agreement, at) => {
        const reported = standing(await this.deps.activityReports.activityReports(id));
        checkActivityReport({
          report: input,
          agreement,
          user,
          reported: reported.map((r) => r.period),
          today: this.today(),
        });
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
        return {
          after: agreement,
          event: {
            actor: actorOf(user),
            action: 'report-activity',
            documentSha256: archivedSha256(agreement),
            comment: `${input.period.from} s.d. ${input.period.to}`,
          },
          items: [{ kind: 'activity-report', report, was: 'new' }],
          result: report,
        };
      },
    });
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
  }

  /** The Biro accepts a report (the agreement's last activity moves) or returns it to the OPD. */
  async review(id: string, reportId: string, user: Identity, body: unknown) {
    const input = parse(activityReviewSchema, body);
    if (!BIRO_ROLES.includes(user.role)) throw onlyBiro();
    const { result } = await recordChange(this.deps, {
      load: () => mustSee(this.deps.agreements, id, user),
      decide: async (agreement, at) => {
        const report = (await this.deps.activityReports.activityReports(id)).find(
          (r) => r.reportId === reportId,
        );
        if (!report) throw new NotFoundError(`Activity report ${reportId}`);
        if (report.status !== 'submitted') throw new ConflictError(`The report was already ${report.status}`);
        const accepted = input.decision === 'accept';
        const lifecycle = agreement.lifecycle;
        const last = lifecycle?.lastActivityOn ?? lifecycle?.validFrom ?? '';
        const moves = accepted && lifecycle !== undefined && report.period.to > last;
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
        const items: ChangeItem[] = [{ kind: 'activity-report', report: reviewed, was: 'submitted' }];
        // Only agreements in force are in the activity list.
        if (moves && IN_FORCE.includes(agreement.status))
          items.push({ kind: 'list-move', entry: activityEntry(report.period.to) });
        return {
          after:
            moves && lifecycle
              ? { ...agreement, lifecycle: { ...lifecycle, lastActivityOn: report.period.to } }
              : agreement,
          event: {
            actor: actorOf(user),
            action: accepted ? 'accept-activity-report' : 'return-activity-report',
            documentSha256: archivedSha256(agreement),
            comment: input.comment ?? `${report.period.from} s.d. ${report.period.to}`,
          },
          items,
          result: reviewed,
        };
      },
    });
    return result;
  }
}
