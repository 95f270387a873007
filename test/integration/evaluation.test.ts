import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/evaluation/lifecycle.js';
import { pdfText } from '../support/pdf-text.js';
import { DRAFTER, sampleFor } from '../support/samples.js';
import { apiAs } from './support/api.js';
import { journey, postForm } from './support/journey.js';
import { useEmbeddedStack } from './support/stack.js';

const stack = useEmbeddedStack();
const as = (username: string) => apiAs(stack, username);
const { signedByRegion, upload } = journey(stack);
const today = new Date().toISOString().slice(0, 10);
const drafter = () => as(DRAFTER.mou.username);

/** The MoU sample, signed 400 days ago for five years: in force, and a year without reported activity. */
function activeMou() {
  const form = sampleFor('mou');
  form.signing.date = addDays(today, -400);
  return form;
}

const report = (from: string, to: string, extra: Record<string, unknown> = {}) => ({
  period: { from, to },
  activities: ['Pertukaran 20 pelajar SMK ke Brisbane', 'Promosi pariwisata Jawa Tengah di Queensland'],
  outcomes: 'Dua puluh pelajar mengikuti magang selama tiga bulan.',
  benefits: 'Kompetensi pelajar meningkat; kunjungan wisatawan Australia naik.',
  budgetUsed: { amount: 350_000_000, currency: 'IDR' },
  ...extra,
});

const ids = (res: { json: { items: { agreementId: string }[] } }) => res.json.items.map((i) => i.agreementId);

describe('evaluation of archived agreements', () => {
  let id: string;

  beforeAll(async () => {
    const mou = await signedByRegion('mou', activeMou());
    id = mou.id;
    const archived = await upload(id, mou.pdf);
    expect(archived.status).toBe('accepted');
  }, 90_000);

  it('makes an archived agreement active from its signing date and counts it', async () => {
    const agreement = await as('biro.staf')('GET', `/api/agreements/${id}`);
    expect(agreement.json.status).toBe('active');
    const summary = await as('evaluator')('GET', '/api/evaluation/summary');
    expect(summary.status).toBe(200);
    expect(summary.json.byStatus).toEqual({ active: 1 });
    expect(summary.json.by.country.AU).toEqual({ active: 1, total: 1 });
    expect(summary.json.by.type.MOU).toEqual({ active: 1, total: 1 });
    expect(summary.json.by.unit.DISPAR).toEqual({ active: 1, total: 1 });
    expect(summary.json.by.year[addDays(today, -400).slice(0, 4)]).toEqual({ active: 1, total: 1 });
    expect(Object.keys(summary.json.by.field).length).toBeGreaterThan(0);
  });

  it('lists it where evaluators look: an MoU with no PKS, no activity for a year, not expiring', async () => {
    const evaluator = as('evaluator');
    const noPks = await evaluator('GET', '/api/evaluation/lists/mou-without-pks');
    expect(ids(noPks)).toEqual([id]);
    expect(noPks.json.items[0].links).toEqual({
      agreement: `/api/agreements/${id}`,
      archive: `/api/archive/${id}`,
      download: `/api/archive/${id}/download`,
    });
    expect(ids(await evaluator('GET', '/api/evaluation/lists/no-recent-activity'))).toEqual([id]);
    expect(ids(await evaluator('GET', '/api/evaluation/lists/expiring-180'))).toEqual([]);
    expect(ids(await evaluator('GET', '/api/evaluation/lists/expired'))).toEqual([]);
    // Another OPD sees only its own unit's entries.
    expect(ids(await as(DRAFTER.pks.username)('GET', '/api/evaluation/lists/mou-without-pks'))).toEqual([]);
    expect(ids(await drafter()('GET', '/api/evaluation/lists/mou-without-pks'))).toEqual([id]);
    const unknown = await evaluator('GET', '/api/evaluation/lists/everything');
    expect(unknown.status).toBe(404);
    expect(unknown.json.message.en).toMatch(/expiring-90/);
    const opdSummary = await drafter()('GET', '/api/evaluation/summary');
    expect(opdSummary.status).toBe(403);
  });

  it('refuses bad activity reports with a clear 4xx and stores nothing', async () => {
    const lastYear = [addDays(today, -300), addDays(today, -120)] as const;
    const cases: [string, () => ReturnType<ReturnType<typeof as>>, number, RegExp][] = [
      [
        'a period not over yet',
        () =>
          drafter()(
            'POST',
            `/api/agreements/${id}/activities`,
            report(addDays(today, -30), addDays(today, 30)),
          ),
        400,
        /not over yet/,
      ],
      [
        'a zip attachment',
        () =>
          drafter()(
            'POST',
            `/api/agreements/${id}/activities`,
            report(...lastYear, {
              attachments: [{ name: 'foto.zip', contentType: 'application/zip', size: 1000 }],
            }),
          ),
        400,
        /PDF, JPEG, PNG, XLSX or DOCX/,
      ],
      [
        'a period longer than a year',
        () =>
          drafter()(
            'POST',
            `/api/agreements/${id}/activities`,
            report(addDays(today, -800), addDays(today, -10)),
          ),
        400,
        /at most one year/,
      ],
      [
        "another OPD's agreement",
        () => as(DRAFTER.pks.username)('POST', `/api/agreements/${id}/activities`, report(...lastYear)),
        404,
        /not found/i,
      ],
      [
        'the Biro instead of the OPD',
        () => as('biro.staf')('POST', `/api/agreements/${id}/activities`, report(...lastYear)),
        403,
        /Only the OPD DISPAR/,
      ],
    ];
    for (const [what, call, status, message] of cases) {
      const res = await call();
      expect(res.status, what).toBe(status);
      expect(JSON.stringify(res.json), what).toMatch(message);
    }
    const stored = await drafter()('GET', `/api/agreements/${id}/activities`);
    expect(stored.json.items).toEqual([]);
  });

  it('refuses a report on an agreement not in force', async () => {
    const draft = await drafter()('POST', '/api/agreements', sampleFor('mou'));
    const res = await drafter()(
      'POST',
      `/api/agreements/${draft.json.id}/activities`,
      report(addDays(today, -300), addDays(today, -120)),
    );
    expect(res.status).toBe(409);
    expect(res.json.message.en).toMatch(/in force; this one is draft/);
  });

  it('takes a report with an attachment, refuses an overlapping one, and the Biro accepts it', async () => {
    const created = await drafter()(
      'POST',
      `/api/agreements/${id}/activities`,
      report(addDays(today, -200), addDays(today, -20), {
        attachments: [{ name: 'Laporan kegiatan.pdf', contentType: 'application/pdf', size: 15 }],
      }),
    );
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.report.status).toBe('submitted');
    const [form] = created.json.uploads;
    expect(form).toMatchObject({
      method: 'POST',
      maxBytes: 15,
      fields: { 'Content-Type': 'application/pdf' },
    });
    const policy = JSON.parse(Buffer.from(form.fields.Policy, 'base64').toString('utf8'));
    expect(policy.conditions).toContainEqual(['content-length-range', 15, 15]);
    expect((await postForm(form, '%PDF-1.4\n%%EOF\n')).status).toBe(204);

    const overlapping = await drafter()(
      'POST',
      `/api/agreements/${id}/activities`,
      report(addDays(today, -60), addDays(today, -10)),
    );
    expect(overlapping.status).toBe(409);
    expect(overlapping.json.message.en).toMatch(/overlaps/);

    const reportId = created.json.report.reportId as string;
    const byOpd = await drafter()('POST', `/api/agreements/${id}/activities/${reportId}/review`, {
      decision: 'accept',
    });
    expect(byOpd.status).toBe(403);
    const accepted = await as('biro.staf')('POST', `/api/agreements/${id}/activities/${reportId}/review`, {
      decision: 'accept',
      comment: 'Lengkap',
    });
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
    expect(accepted.json).toMatchObject({
      status: 'accepted',
      review: { decision: 'accept', comment: 'Lengkap' },
    });
    const again = await as('biro.staf')('POST', `/api/agreements/${id}/activities/${reportId}/review`, {
      decision: 'return',
    });
    expect(again.status).toBe(409);

    const listed = await as('evaluator')('GET', `/api/agreements/${id}/activities`);
    expect(listed.json.items).toHaveLength(1);
    const file = await fetch(listed.json.items[0].attachments[0].url);
    expect(await file.text()).toBe('%PDF-1.4\n%%EOF\n');
    // Reported within the year: it leaves the list of agreements without recent activity.
    expect(ids(await as('evaluator')('GET', '/api/evaluation/lists/no-recent-activity'))).toEqual([]);
    const agreement = await drafter()('GET', `/api/agreements/${id}`);
    expect(agreement.json.lifecycle.lastActivityOn).toBe(addDays(today, -20));
    const history = await drafter()('GET', `/api/agreements/${id}/history`);
    expect(history.json.events.slice(-2).map((e: { action: string }) => e.action)).toEqual([
      'report-activity',
      'accept-activity-report',
    ]);
    expect(history.json.chainIntact).toBe(true);
  });

  it('generates the periodic report as a workbook and a PDF, stored and listed for download', async () => {
    const year = today.slice(0, 4);
    // Generating is the Biro's; the other evaluation roles read (evaluators write nothing).
    for (const reader of ['evaluator', 'sekda', 'gubernur', 'admin']) {
      const refused = await as(reader)('POST', '/api/reports', { period: year });
      expect(refused.status, reader).toBe(403);
      expect(refused.json.message.en, reader).toMatch(/Only the Cooperation Bureau may generate/);
    }
    expect((await drafter()('POST', '/api/reports', { period: year })).status).toBe(403);
    const bad = await as('biro.staf')('POST', '/api/reports', { period: `${year}-S3` });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toMatch(/semester/);
    const future = await as('biro.staf')('POST', '/api/reports', { period: String(Number(year) + 1) });
    expect(future.status).toBe(400);

    const created = await as('biro.kepala')('POST', '/api/reports', { period: year });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json).toMatchObject({ period: year, agreements: 1, activityReports: 1 });
    expect(created.json.files.pdf.key).toMatch(
      new RegExp(`^reports/${year}/[0-9A-Z]{26}/laporan-kerja-sama-${year}-`),
    );

    const workbook = new ExcelJS.Workbook();
    const xlsx = await fetch(created.json.links.xlsx);
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('KSDPL');
    const row = sheet?.getRow(2);
    expect(row?.getCell(2).value).toBe('MOU');
    expect(String(row?.getCell(12).value)).toMatch(/Pertukaran 20 pelajar SMK ke Brisbane/);
    expect(row?.getCell(11).value).toBe('Berlaku');

    const pdf = new Uint8Array(await (await fetch(created.json.links.pdf)).arrayBuffer());
    const text = await pdfText(pdf);
    expect(text).toMatch(/LAPORAN PELAKSANAAN KERJA SAMA DAERAH/);
    // The region as its profile names it (infra/local/seed/demo-region.json).
    expect(text).toMatch(/Pemerintah Provinsi Jawa Tengah/);
    expect(text).toMatch(/Pertukaran 20 pelajar SMK ke Brisbane/);
    expect(text).toMatch(/Halaman 1 dari/);

    const listed = await as('sekda')('GET', '/api/reports');
    expect(listed.json.items.map((r: { period: string }) => r.period)).toEqual([year]);
    expect(listed.json.items[0].links.pdf).toMatch(/X-Amz-Expires=300/);
    expect((await drafter()('GET', '/api/reports')).status).toBe(403);

    // A page at a time, newest period first: the semester's report joins the year's.
    const semester = await as('biro.staf')('POST', '/api/reports', { period: `${year}-S1` });
    expect(semester.status).toBe(201);
    const periods: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await as('evaluator')('GET', `/api/reports?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.json.items.length).toBeLessThanOrEqual(1);
      periods.push(...page.json.items.map((r: { period: string }) => r.period));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(periods).toEqual([`${year}-S1`, year]);
    for (const crafted of ['bm90LWEta2V5', Buffer.from('AGR#x').toString('base64url'), 'x'.repeat(600)]) {
      const page = await as('evaluator')('GET', `/api/reports?cursor=${crafted}`);
      expect(page.status, crafted).toBe(400);
      expect(page.json.issues[0].path).toBe('cursor');
    }
  }, 30_000);

  it('records a termination: the agreement leaves the lists and its counts move', async () => {
    const byOpd = await drafter()('POST', `/api/agreements/${id}/terminate`, { on: today, reason: 'x' });
    expect(byOpd.status).toBe(403);
    const future = await as('biro.kepala')('POST', `/api/agreements/${id}/terminate`, {
      on: addDays(today, 1),
      reason: 'Kesepakatan para pihak',
    });
    expect(future.status).toBe(400);
    const ended = await as('biro.kepala')('POST', `/api/agreements/${id}/terminate`, {
      on: today,
      reason: 'Kesepakatan para pihak',
    });
    expect(ended.status, JSON.stringify(ended.json)).toBe(200);
    expect(ended.json).toMatchObject({ status: 'terminated', lifecycle: { terminatedOn: today } });
    expect(ended.json.lifecycle.nextDue).toBeUndefined();
    const summary = await as('evaluator')('GET', '/api/evaluation/summary');
    // The draft made to test a report on an agreement not in force is still counted.
    expect(summary.json.byStatus).toEqual({ draft: 1, terminated: 1 });
    expect(summary.json.by.country.AU).toEqual({ draft: 1, terminated: 1, total: 2 });
    expect(ids(await as('evaluator')('GET', '/api/evaluation/lists/mou-without-pks'))).toEqual([]);
    const record = await as('evaluator')('GET', `/api/archive/${id}`);
    expect(record.json.terminatedOn).toBe(today);
    const twice = await as('biro.kepala')('POST', `/api/agreements/${id}/terminate`, {
      on: today,
      reason: 'x',
    });
    expect(twice.status).toBe(409);
  });
});
