import * as z from 'zod';
import type { Agreement } from '../agreement/agreement.js';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import { say } from '../form/messages.js';
import { isoDate, isRealIsoDate, plainText } from '../form/text.js';
import type { Identity } from '../identity/identity.js';
import { addYears } from './lifecycle.js';
import { overlaps } from './period.js';

/** Files an activity report may carry: documents, spreadsheets and photos of the activities. */
export const ATTACHMENT_TYPES = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
} as const;

const attachment = z.object({
  name: plainText(200),
  contentType: z.string().refine((t) => Object.hasOwn(ATTACHMENT_TYPES, t), {
    params: say(
      'jenis berkas tidak diterima: gunakan PDF, JPEG, PNG, XLSX atau DOCX',
      'file type not accepted: use PDF, JPEG, PNG, XLSX or DOCX',
    ),
  }),
  size: z
    .number()
    .int()
    .min(1)
    .max(20 * 1024 * 1024),
});

/** POST /api/agreements/{id}/activities: what the initiating OPD did under an agreement in a period. */
export const activityReportSchema = z
  .object({
    period: z.object({ from: isoDate, to: isoDate }),
    activities: z.array(plainText(2000)).min(1).max(50),
    outcomes: plainText(5000),
    benefits: plainText(5000),
    budgetUsed: z
      .object({ amount: z.number().min(0).max(1e15), currency: z.enum(['IDR', 'USD', 'EUR', 'JPY', 'AUD']) })
      .optional(),
    attachments: z.array(attachment).max(20).default([]),
  })
  .superRefine((r, ctx) => {
    // zod runs this even when a date failed `isoDate` above: there is nothing to compare then.
    if (!isRealIsoDate(r.period.from) || !isRealIsoDate(r.period.to)) return;
    if (r.period.to >= addYears(r.period.from, 1)) {
      ctx.addIssue({
        code: 'custom',
        path: ['period', 'to'],
        message: 'a report covers at most one year',
        params: say('satu laporan mencakup paling lama satu tahun', 'a report covers at most one year'),
      });
    }
    if (r.period.from > r.period.to) {
      ctx.addIssue({
        code: 'custom',
        path: ['period', 'to'],
        message: 'the period ends before it starts',
        params: say('periode berakhir sebelum dimulai', 'the period ends before it starts'),
      });
    }
  });

export type ActivityReportInput = z.infer<typeof activityReportSchema>;

/** Agreements in force: reports are about what happens under them. */
const REPORTABLE = ['active', 'expiring'];

/**
 * The rules a report must meet besides its shape: the initiating OPD reports, on an agreement in force,
 * for a period that is over and does not overlap one already reported.
 */
export function checkActivityReport(input: {
  report: ActivityReportInput;
  agreement: Pick<Agreement, 'status' | 'initiatingUnit'>;
  user: Identity;
  reported: { from: string; to: string }[];
  today: string;
}): void {
  const { report, agreement, user } = input;
  const unit = agreement.initiatingUnit.code;
  if (!(user.role === 'opd_drafter' || user.role === 'opd_head') || user.unit !== unit) {
    throw new ForbiddenError(
      say(
        `Hanya OPD ${unit} yang melaporkan kegiatan kerja sama ini`,
        `Only the OPD ${unit} reports this agreement's activities`,
      ),
    );
  }
  if (!REPORTABLE.includes(agreement.status)) {
    throw new ConflictError(
      `Activities are reported for agreements in force; this one is ${agreement.status}`,
    );
  }
  if (report.period.to > input.today) {
    throw new ValidationError([
      {
        path: 'period.to',
        message: say(
          'periode belum berakhir: laporkan setelah periode selesai',
          'the period is not over yet: report once it has ended',
        ),
      },
    ]);
  }
  const clash = input.reported.find((p) => overlaps(p, report.period));
  if (clash) {
    throw new ConflictError(`The period overlaps the report for ${clash.from} to ${clash.to}`, {
      overlaps: clash,
    });
  }
}

export const REVIEW_DECISIONS = ['accept', 'return'] as const;

export const activityReviewSchema = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  comment: plainText(2000).optional(),
});

/** A stored activity report; the Biro accepts it or returns it to the OPD. */
export interface ActivityReport {
  reportId: string;
  agreementId: string;
  unitCode: string;
  period: { from: string; to: string };
  activities: string[];
  outcomes: string;
  benefits: string;
  budgetUsed?: { amount: number; currency: string };
  attachments: { name: string; contentType: string; size: number; key: string }[];
  status: 'submitted' | 'accepted' | 'returned';
  submittedAt: string;
  submittedBy: { sub: string; name: string; role: string; unit?: string };
  review?: {
    at: string;
    by: { sub: string; name: string; role: string };
    decision: 'accept' | 'return';
    comment?: string;
  };
}

/** Reports that count: a returned one frees its period for a corrected report. */
export const standing = <T extends Pick<ActivityReport, 'status'>>(reports: T[]) =>
  reports.filter((r) => r.status !== 'returned');
