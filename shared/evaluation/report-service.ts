import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attemptId, committing } from '../attempt.js';
import { ValidationError } from '../errors.js';
import { say } from '../form/messages.js';
import { parse } from '../form/parse.js';
import { sha256OfFile } from '../hash.js';
import type { Identity } from '../identity/identity.js';
import type { Clock } from '../ports/clock.js';
import type { FileStore } from '../ports/files.js';
import type { PeriodicReports, ReportedAgreement, StoredReport } from '../ports/periodic-reports.js';
import { standing } from './activity-report.js';
import { type LifecycleStatus, lifecycleStatus } from './lifecycle.js';
import { overlaps, type Period, reportRequestSchema } from './period.js';
import { type PeriodicReport, type ReportRow, writeReportXlsx } from './periodic-report.js';
import { writeReportPdf } from './report-pdf.js';
import { mustGenerateReports, withLinks } from './reports.js';

/** The status column in the Ministry's language. */
const STATUS_NAMES: Record<LifecycleStatus, string> = {
  signed: 'Ditandatangani, belum berlaku',
  active: 'Berlaku',
  expiring: 'Berlaku, segera berakhir',
  expired: 'Berakhir',
  terminated: 'Diakhiri',
};

export interface ReportDeps {
  periodicReports: PeriodicReports;
  /** The documents bucket: reports are stored under reports/<period>/. */
  files: FileStore;
  clock: Clock;
  /** The region named on the report: its profile's name when the report is made. */
  regionName(): Promise<string>;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The periodic report to the Ministry of Home Affairs: generated, stored in S3, listed for download. */
export class ReportService {
  constructor(private readonly deps: ReportDeps) {}

  async request(body: unknown, user: Identity) {
    mustGenerateReports(user);
    const { period } = parse(reportRequestSchema, body);
    if (period.from > this.deps.clock.now().toISOString().slice(0, 10)) {
      throw new ValidationError([
        { path: 'period', message: say('periode belum dimulai', 'the period has not started yet') },
      ]);
    }
    return withLinks(this.deps.files, await this.generate(period, user.name));
  }

  /** The report of a period as a workbook and a PDF, stored and listed. */
  async generate(period: Period, generatedBy: string): Promise<StoredReport> {
    const generatedAt = this.deps.clock.now().toISOString();
    // The statuses as of the period's end, or today for a period still running.
    const asOf = [generatedAt.slice(0, 10), period.to].sort()[0] as string;
    const [{ rows, reported }, region] = await Promise.all([this.rows(period, asOf), this.deps.regionName()]);
    const report = { region, period, generatedAt, rows };
    // Each generation writes under its own folder: two at once never share an object.
    const base = `reports/${period.label}/${attemptId()}/laporan-kerja-sama-${period.label}-${generatedAt.replace(/[:.]/g, '-')}`;
    const keys = [`${base}.xlsx`, `${base}.pdf`];
    return committing(this.deps.files, keys, async () => {
      const stored: StoredReport = {
        period: period.label,
        from: period.from,
        to: period.to,
        generatedAt,
        generatedBy,
        agreements: rows.length,
        activityReports: reported,
        files: await this.write(report, keys as [string, string]),
      };
      await this.deps.periodicReports.putReport(stored);
      return stored;
    });
  }

  /** Both files are written to disk and streamed to S3: a year's PDF is 50 MB and more. */
  private async write(
    report: PeriodicReport,
    [xlsxKey, pdfKey]: [string, string],
  ): Promise<StoredReport['files']> {
    const dir = await mkdtemp(join(tmpdir(), 'report-'));
    try {
      const xlsxPath = join(dir, 'report.xlsx');
      await writeReportXlsx(report, xlsxPath);
      const xlsx = await this.store(xlsxKey, XLSX, xlsxPath);
      const pdfPath = join(dir, 'report.pdf');
      await writeReportPdf(report, pdfPath);
      return { xlsx, pdf: await this.store(pdfKey, 'application/pdf', pdfPath) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * Every archived agreement in force at some point of the period, with the activities reported for
   * it: two index reads, whatever the number of agreements, each page reduced to its rows as it comes.
   */
  private async rows(period: Period, asOf: string) {
    // A report covers at most a year, so one ending the year after the period may still overlap it.
    const endYear = Number(period.to.slice(0, 4));
    const years = [...new Set([period.from.slice(0, 4), String(endYear), String(endYear + 1)])];
    const activities = new Map<string, string[]>();
    const rows: ReportRow[] = [];
    let reported = 0;
    await Promise.all([
      this.deps.periodicReports.archivedUntil(period.to, (page) => {
        for (const a of page) if (inForceDuring(a, period)) rows.push(row(a, asOf));
      }),
      this.deps.periodicReports.activityReportsEnding(years, (page) => {
        for (const r of standing(page)) {
          if (!overlaps(r.period, period)) continue;
          reported += 1;
          const lines = activities.get(r.agreementId) ?? [];
          lines.push(...r.activities.map((a) => `${r.period.from} s.d. ${r.period.to}: ${a}`));
          activities.set(r.agreementId, lines);
        }
      }),
    ]);
    for (const r of rows) r.activities = activities.get(r.agreementId) ?? [];
    return { rows, reported };
  }

  private async store(key: string, contentType: string, path: string) {
    await this.deps.files.putFile(key, path, contentType);
    return { key, contentType, size: (await stat(path)).size, sha256: await sha256OfFile(path) };
  }
}

function inForceDuring(a: ReportedAgreement, period: Period): boolean {
  return (a.validUntil ?? '9999') >= period.from && (a.terminatedOn ?? '9999') >= period.from;
}

function row(a: ReportedAgreement, asOf: string): ReportRow {
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
    activities: [],
  };
}
