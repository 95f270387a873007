import { createHash } from 'node:crypto';
import * as z from 'zod';
import { ValidationError } from '../errors.js';
import { say, toIssues } from '../form/messages.js';
import type { Identity } from '../identity/identity.js';
import type { Clock, EvaluationStore, FileStore, ReportedAgreement, StoredReport } from '../ports.js';
import { standing } from './activity-report.js';
import { type LifecycleStatus, lifecycleStatus } from './lifecycle.js';
import { overlaps, type Period, periodSchema } from './period.js';
import { buildReportXlsx, type ReportRow } from './periodic-report.js';
import { buildReportPdf } from './report-pdf.js';
import { mustReadReports, withLinks } from './reports.js';

/** The status column in the Ministry's language. */
const STATUS_NAMES: Record<LifecycleStatus, string> = {
  signed: 'Ditandatangani, belum berlaku',
  active: 'Berlaku',
  expiring: 'Berlaku, segera berakhir',
  expired: 'Berakhir',
  terminated: 'Diakhiri',
};

export const reportRequestSchema = z.object({ period: periodSchema });

export interface ReportDeps {
  evaluation: EvaluationStore;
  /** The documents bucket: reports are stored under reports/<period>/. */
  files: FileStore;
  clock: Clock;
  /** The region named on the report. */
  region: string;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The periodic report to the Ministry of Home Affairs: generated, stored in S3, listed for download. */
export class ReportService {
  constructor(private readonly deps: ReportDeps) {}

  async request(body: unknown, user: Identity) {
    mustReadReports(user);
    const parsed = reportRequestSchema.safeParse(body, { reportInput: true });
    if (!parsed.success) throw new ValidationError(toIssues(parsed.error));
    const { period } = parsed.data;
    if (period.from > this.deps.clock.now().toISOString().slice(0, 10)) {
      throw new ValidationError([
        { path: 'period', message: say('periode belum dimulai', 'the period has not started yet') },
      ]);
    }
    return withLinks(this.deps.files, await this.generate(period, user.name));
  }

  /**
   * Every archived agreement in force at some point of the period, with the activities reported for
   * it, as a workbook and a PDF. Two index reads, whatever the number of agreements.
   */
  async generate(period: Period, generatedBy: string): Promise<StoredReport> {
    const now = this.deps.clock.now();
    const generatedAt = now.toISOString();
    // A report covers at most a year, so one ending the year after the period may still overlap it.
    const endYear = Number(period.to.slice(0, 4));
    const years = [...new Set([period.from.slice(0, 4), String(endYear), String(endYear + 1)])];
    const [agreements, reports] = await Promise.all([
      this.deps.evaluation.archivedUntil(period.to),
      this.deps.evaluation.activityReportsEnding(years),
    ]);
    const activities = new Map<string, string[]>();
    let reported = 0;
    for (const r of standing(reports)) {
      if (!overlaps(r.period, period)) continue;
      reported += 1;
      const lines = activities.get(r.agreementId) ?? [];
      lines.push(...r.activities.map((a) => `${r.period.from} s.d. ${r.period.to}: ${a}`));
      activities.set(r.agreementId, lines);
    }
    const asOf = generatedAt.slice(0, 10) < period.to ? generatedAt.slice(0, 10) : period.to;
    const rows = agreements
      .filter((a) => inForceDuring(a, period))
      .map((a) => row(a, activities.get(a.agreementId) ?? [], asOf));
    const report = { region: this.deps.region, period, generatedAt, rows };
    const xlsx = await buildReportXlsx(report);
    const pdf = (await buildReportPdf(report)).bytes;
    const stamp = generatedAt.replace(/[:.]/g, '-');
    const base = `reports/${period.label}/laporan-kerja-sama-${period.label}-${stamp}`;
    const files = {
      xlsx: {
        key: `${base}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        size: xlsx.byteLength,
        sha256: sha256(xlsx),
      },
      pdf: { key: `${base}.pdf`, contentType: 'application/pdf', size: pdf.byteLength, sha256: sha256(pdf) },
    };
    await Promise.all([
      this.deps.files.put(files.xlsx.key, xlsx, files.xlsx.contentType),
      this.deps.files.put(files.pdf.key, pdf, files.pdf.contentType),
    ]);
    const stored: StoredReport = {
      period: period.label,
      from: period.from,
      to: period.to,
      generatedAt,
      generatedBy,
      agreements: rows.length,
      activityReports: reported,
      files,
    };
    await this.deps.evaluation.putReport(stored);
    return stored;
  }
}

function inForceDuring(a: ReportedAgreement, period: Period): boolean {
  return (a.validUntil ?? '9999') >= period.from && (a.terminatedOn ?? '9999') >= period.from;
}

function row(a: ReportedAgreement, activities: string[], asOf: string): ReportRow {
  const status = lifecycleStatus(
    {
      validFrom: a.validFrom,
      ...(a.validUntil ? { validUntil: a.validUntil } : {}),
      ...(a.terminatedOn ? { terminatedOn: a.terminatedOn } : {}),
    },
    asOf,
  );
  return {
    agreementId: a.agreementId,
    documentType: a.documentType,
    category: a.category,
    title: a.title.id,
    partners: a.parties
      .slice(1)
      .map((p) => p.name.id)
      .join('; '),
    countries: a.countries,
    fields: a.fields,
    unit: a.unitCode,
    signedAt: a.signedAt,
    validFrom: a.validFrom,
    ...(a.validUntil ? { validUntil: a.validUntil } : {}),
    status: STATUS_NAMES[status],
    activities,
  };
}
