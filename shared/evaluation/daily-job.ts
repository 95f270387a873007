import { randomUUID } from 'node:crypto';
import { type Agreement, archivedSha256 } from '../agreement/agreement.js';
import { type ChangeDeps, recordChange } from '../agreement/record-change.js';
import type { ArchiveRenewal } from '../archive/renewal.js';
import { ConflictError } from '../errors.js';
import type { Agreements } from '../ports/agreements.js';
import type { ChangeItem } from '../ports/changes.js';
import type { EvaluationReadModel } from '../ports/evaluation.js';
import type { InboxEntry } from '../ports/inbox.js';
import type { OutboxMessage } from '../ports/outbox.js';
import type { PeriodicReports } from '../ports/periodic-reports.js';
import type { Schedule } from '../ports/schedule.js';
import type { AnchorRun, AuditTrail } from '../workflow/audit-trail.js';
import { RaceLostError } from '../workflow/race.js';
import { SCHEDULE } from '../workflow/schedule-actor.js';
import { advance, daysBetween, type ReminderKind } from './lifecycle.js';
import { parsePeriod } from './period.js';
import type { ReportService } from './report-service.js';

const BATCH = 100;
const PARALLEL = 8;

export interface DailyJobDeps extends ChangeDeps {
  agreements: Agreements;
  schedule: Schedule;
  evaluation: EvaluationReadModel;
  periodicReports: PeriodicReports;
  reports: () => ReportService;
  /** Anchors the audit chains that grew (into the archive bucket). */
  trail: () => AuditTrail;
  /** Renews the archive's seals before their timestamps' certificates expire. */
  renewal: () => ArchiveRenewal;
}

export interface DailyRun {
  today: string;
  /** Agreements whose lifecycle was looked at, and how many changed status. */
  lifecycles: number;
  statusChanges: number;
  reminders: number;
  overdueReminders: number;
  reports: string[];
  /** Archived agreements whose seal was renewed, and those due that could not be (tried again tomorrow). */
  renewals: { renewed: number; failed: { agreementId: string; reason: string }[] };
  anchors: AnchorRun;
}

const title = (a: { title: { id: string; en?: string } }) =>
  a.title.en ? `${a.title.id} / ${a.title.en}` : a.title.id;

/**
 * Once a day (EventBridge in the cloud, a timer on the embedded stack): statuses that time changes,
 * reminders, the periodic reports of periods that have ended, the archive's seals due for renewal,
 * and last the anchors of the audit
 * chains that grew (today's lifecycle events included). Running it twice changes nothing more: each
 * agreement's due date moves past today in the write that sends its reminders, an overdue step leaves
 * the schedule index in the write that reminds its holders, and an anchored head leaves its mark.
 */
export class DailyJob {
  constructor(private readonly deps: DailyJobDeps) {}

  async run(): Promise<DailyRun> {
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const today = at.slice(0, 10);
    const run: DailyRun = {
      today,
      lifecycles: 0,
      statusChanges: 0,
      reminders: 0,
      overdueReminders: 0,
      reports: [],
      renewals: { renewed: 0, failed: [] },
      anchors: { anchored: 0, refused: [] },
    };
    await this.drain(
      (limit) => this.deps.schedule.due(today, limit),
      (id) => id,
      async (id) => {
        const outcome = await this.advanceOne(id, today);
        run.lifecycles += 1;
        if (outcome.changed) run.statusChanges += 1;
        run.reminders += outcome.reminded;
      },
    );
    await this.drain(
      (limit) => this.deps.schedule.overdue(at, limit),
      (e) => `${e.agreementId}#${e.stepId}`,
      async (entry) => {
        if (await this.deps.schedule.remindOverdue(entry, overdueMessage(entry, at)))
          run.overdueReminders += 1;
      },
    );
    for (const label of endedPeriods(today)) {
      if (await this.deps.periodicReports.getReport(label)) continue;
      const period = parsePeriod(label) as NonNullable<ReturnType<typeof parsePeriod>>;
      try {
        await this.deps.reports().generate(period, SCHEDULE.name);
      } catch (error) {
        // A concurrent run stored the same period's report at the same instant: it is there.
        if (error instanceof ConflictError) continue;
        throw error;
      }
      run.reports.push(label);
    }
    await this.drain(
      (limit) => this.deps.schedule.renewalsDue(today, limit),
      (id) => id,
      async (id) => {
        try {
          if ((await this.deps.renewal().renew(id, today)) === 'renewed') run.renewals.renewed += 1;
        } catch (error) {
          // A TSA down, or still on a certificate as old: the seal stays due, and the alarm says so.
          const reason = error instanceof Error ? error.message : String(error);
          run.renewals.failed.push({ agreementId: id, reason });
        }
      },
    );
    run.anchors = await this.deps.trail().anchorMoved();
    return run;
  }

  /** Works through an index range in batches until it holds nothing not yet tried. */
  private async drain<T>(
    next: (limit: number) => Promise<T[]>,
    keyOf: (item: T) => string,
    work: (item: T) => Promise<void>,
  ) {
    const tried = new Set<string>();
    for (;;) {
      const batch = (await next(BATCH + tried.size)).filter((item) => !tried.has(keyOf(item)));
      if (!batch.length) return;
      for (let i = 0; i < batch.length; i += PARALLEL) {
        await Promise.all(
          batch.slice(i, i + PARALLEL).map((item) => {
            tried.add(keyOf(item));
            return work(item);
          }),
        );
      }
    }
  }

  /**
   * Moves one lifecycle along: its status and counters, the reminders, and the lists an ended
   * agreement leaves. Another run that moved it first did what there was to do.
   */
  private async advanceOne(id: string, today: string) {
    const agreement = await this.deps.agreements.get(id);
    const lifecycle = agreement?.lifecycle;
    if (!agreement || !lifecycle || agreement.status === 'terminated') return { changed: false, reminded: 0 };
    const openLoi =
      agreement.documentType === 'LOI' &&
      !lifecycle.settled.includes('loi-12-months') &&
      (await this.deps.evaluation.isOpen(id));
    const next = advance(lifecycle, openLoi, today);
    const ended = (s: string) => s === 'expired' || s === 'terminated';
    try {
      await recordChange(this.deps, {
        load: async () => agreement,
        decide: async (current, at) => ({
          after: { ...current, status: next.status, lifecycle: next.lifecycle },
          event: {
            actor: SCHEDULE,
            action: 'lifecycle',
            documentSha256: archivedSha256(current),
            ...(next.remind.length ? { comment: `Pengingat / reminder: ${next.remind.join(', ')}` } : {}),
          },
          items: [
            ...next.remind.flatMap((kind) =>
              reminderMessages(current, kind, today, at).map(
                (message): ChangeItem => ({ kind: 'outbox', message }),
              ),
            ),
            ...(ended(next.status) && !ended(current.status)
              ? (['OPEN', 'ACTIVITY'] as const).map((slot): ChangeItem => ({ kind: 'list-leave', slot }))
              : []),
          ],
          result: undefined,
        }),
        attempts: 1,
        lost: async (race) => race,
      });
    } catch (error) {
      if (error instanceof RaceLostError) return { changed: false, reminded: 0 };
      throw error;
    }
    return { changed: next.status !== agreement.status, reminded: next.remind.length };
  }
}

/** The periods whose report falls due by `today`: last year, its second semester, this year's first. */
export function endedPeriods(today: string): string[] {
  const year = Number(today.slice(0, 4));
  return [`${year - 1}`, `${year - 1}-S2`, ...(today >= `${year}-07-01` ? [`${year}-S1`] : [])];
}

function reminderMessages(a: Agreement, kind: ReminderKind, today: string, at: string): OutboxMessage[] {
  const until = a.lifecycle?.validUntil ?? '';
  const { subject, body } =
    kind === 'loi-12-months'
      ? {
          subject: `[Kerja Sama] LoI 12 bulan tanpa MoU / LoI 12 months without an MoU: ${a.title.id}`,
          body: `LoI "${title(a)}" ditandatangani ${a.lifecycle?.signedAt} dan belum ditindaklanjuti dengan MoU.\nThe LoI "${title(a)}" was signed on ${a.lifecycle?.signedAt} and no MoU has followed it yet.`,
        }
      : {
          subject: `[Kerja Sama] ${a.documentType} berakhir ${until} / expires on ${until}: ${a.title.id}`,
          body: `${a.documentType} "${title(a)}" berakhir pada ${until} (${daysBetween(today, until) + 1} hari lagi). Putuskan perpanjangan atau pengakhiran.\nThe ${a.documentType} "${title(a)}" expires on ${until} (in ${daysBetween(today, until) + 1} days). Decide whether to renew it.`,
        };
  const recipients: OutboxMessage['to'][] = [
    { role: 'opd_head', unit: a.initiatingUnit.code },
    { role: 'biro_staff' },
  ];
  return recipients.map((to) => ({ id: randomUUID(), at, to, subject, body, agreementId: a.id }));
}

function overdueMessage(e: InboxEntry, at: string): OutboxMessage {
  return {
    id: randomUUID(),
    at,
    to: { role: e.role, ...(e.unit ? { unit: e.unit } : {}) },
    agreementId: e.agreementId,
    subject: `[Kerja Sama] Terlambat / overdue: ${e.documentType} ${e.title.id}`,
    body: `Langkah "${e.kind}" untuk "${title(e)}" seharusnya selesai pada ${e.dueAt.slice(0, 10)}.\nThe step "${e.kind}" on "${title(e)}" was due on ${e.dueAt.slice(0, 10)}.`,
  };
}
