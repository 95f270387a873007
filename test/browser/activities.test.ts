import { readFile } from 'node:fs/promises';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/evaluation/lifecycle.js';
import { journey } from '../integration/support/journey.js';
import { sampleFor } from '../support/samples.js';
import { screenshot, seeText, signInAs, useWebStack } from './support/browser.js';

const today = new Date().toISOString().slice(0, 10);

/** A one-page PDF such as an OPD scans or exports for its report. */
async function reportPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Laporan kegiatan pertukaran pelajar', {
    x: 50,
    y: 780,
    size: 14,
    font: await doc.embedFont(StandardFonts.Helvetica),
  });
  return Buffer.from(await doc.save());
}

/**
 * Self-evaluation and its review on an archived MoU in force (set up through the API, as the
 * integration tests do): DISPAR reports its activities with a PDF, the Biro accepts the report and
 * later terminates the agreement, an evaluator reads it all without being offered either.
 */
describe('activity reports and termination on the agreement page, in Chromium', () => {
  const web = useWebStack();
  const { signedByRegion, upload } = journey(web);
  let page: Page;
  let id = '';
  let pdf: Buffer;

  beforeAll(async () => {
    // The MoU sample signed 400 days ago for five years: archived and in force today.
    const form = sampleFor('mou');
    form.signing.date = addDays(today, -400);
    const signed = await signedByRegion('mou', form);
    id = signed.id;
    expect((await upload(id, signed.pdf)).status).toBe('accepted');
    pdf = await reportPdf();
  }, 90_000);

  const open = async (username: string) => {
    await signInAs(page, username);
    await page.goto(`/agreements/${id}`);
    await page.locator('.page-head [data-status]').waitFor();
  };
  const reports = () => page.getByTestId('activity-reports');
  const click = (name: string) => page.getByRole('button', { name, exact: true }).click();

  it('the DISPAR drafter is told what is wrong, in both languages, then files a report with a PDF', async () => {
    page = await web.page();
    await open('dispar.penyusun');
    await page.locator('.page-head [data-status="active"]').waitFor();
    await seeText(page.locator('#activities-h').locator('..'), 'Belum ada laporan kegiatan');
    expect(await page.getByTestId('no-actions').count()).toBe(0);

    // The schema's own messages, before anything is sent.
    await click('Kirim laporan');
    await seeText(page.locator('.problems[data-path="outcomes"]'), 'wajib diisi');
    await seeText(page.locator('.problems[data-path="period.from"]'), 'TTTT-BB-HH');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ar-period_from');

    // A period not over yet passes the schema; the API refuses it, in the language of the interface.
    await page.fill('#ar-period_from', addDays(today, -30));
    await page.fill('#ar-period_to', addDays(today, 10));
    await page.fill('#ar-activities_0_', 'Pertukaran 20 pelajar SMK ke Brisbane');
    await page.fill('#ar-outcomes', 'Dua puluh pelajar mengikuti magang selama tiga bulan.');
    await page.fill('#ar-benefits', 'Kompetensi pelajar meningkat.');
    await click('Kirim laporan');
    const periodTo = page.locator('.problems[data-path="period.to"]');
    await seeText(periodTo, 'periode belum berakhir');
    await seeText(page.getByTestId('activity-form-error'), /.+/);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await seeText(periodTo, 'the period is not over yet');
    await page.getByRole('button', { name: 'ID', exact: true }).click();
    await seeText(periodTo, 'periode belum berakhir');

    // Now a period that is over, two activities, a budget and the PDF.
    await page.fill('#ar-period_from', addDays(today, -200));
    await page.fill('#ar-period_to', addDays(today, -20));
    // The API's message leaves the field once it is changed.
    await periodTo.waitFor({ state: 'detached' });
    await click('+ Tambah kegiatan');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ar-activities_1_');
    await page.keyboard.type('Promosi pariwisata Jawa Tengah di Queensland');
    await page.fill('#ar-budgetUsed_amount', '350000000');
    await page.selectOption('#ar-budgetUsed_currency', 'IDR');
    await page.setInputFiles('#ar-files', {
      name: 'laporan-kegiatan.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await seeText(page.getByTestId('ar-files'), 'laporan-kegiatan.pdf');
    await click('Kirim laporan');
    await seeText(page.locator('[role="status"]'), 'Laporan terkirim');
    const item = reports().locator('li[data-status="submitted"]');
    await seeText(item, 'Diajukan');
    await seeText(item, 'Promosi pariwisata Jawa Tengah di Queensland');
    await seeText(item, 'Rp');
    await seeText(item.getByRole('link', { name: 'laporan-kegiatan.pdf' }), 'laporan-kegiatan.pdf');
    // The form is empty again for the next period.
    expect(await page.inputValue('#ar-outcomes')).toBe('');
    // The OPD does not review its own report.
    expect(await page.getByTestId('review').count()).toBe(0);
  });

  it('the Biro accepts it with a comment; the list shows it accepted and its PDF downloads', async () => {
    await open('biro.staf');
    expect(await page.getByTestId('activity-form').count()).toBe(0);
    const item = reports().locator('li[data-status="submitted"]');
    await item.getByLabel(/Catatan telaah/).fill('Lengkap, terima kasih');
    await item.getByRole('button', { name: 'Terima' }).click();
    const accepted = reports().locator('li[data-status="accepted"]');
    await seeText(accepted, 'Diterima');
    await seeText(accepted.getByTestId('review-comment'), 'Lengkap, terima kasih');
    expect(await page.getByTestId('review').count()).toBe(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      accepted.getByRole('link', { name: 'laporan-kegiatan.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('laporan-kegiatan.pdf');
    const bytes = await readFile(await download.path());
    expect(bytes.equals(pdf)).toBe(true);
    await seeText(page.locator('.timeline'), 'Menerima laporan kegiatan');
    await screenshot(page, '14-activities');
  });

  it('an evaluator reads the reports but is offered no review and no termination', async () => {
    // A second report, still to be reviewed, filed through the API.
    const token = await web.token('dispar.penyusun');
    const res = await fetch(`${web.baseUrl}/api/agreements/${id}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        period: { from: addDays(today, -390), to: addDays(today, -250) },
        activities: ['Rapat koordinasi awal dengan Queensland'],
        outcomes: 'Rencana kerja tahunan disepakati.',
        benefits: 'Kegiatan tahun pertama terjadwal.',
      }),
    });
    expect(res.status).toBe(201);

    await open('evaluator');
    await seeText(reports().locator('li[data-status="accepted"]'), 'Lengkap, terima kasih');
    await seeText(reports().locator('li[data-status="submitted"]'), 'Rapat koordinasi awal');
    await page.getByTestId('no-actions').waitFor();
    expect(await page.getByRole('button', { name: /^(Terima|Kembalikan|Akhiri kerja sama)$/ }).count()).toBe(
      0,
    );
    expect(await page.getByTestId('terminate').count()).toBe(0);
    expect(await page.getByTestId('activity-form').count()).toBe(0);
  });

  it('the Biro records an early termination after confirming; the status shows terminated', async () => {
    await open('biro.staf');
    const panel = page.getByTestId('terminate');
    await click('Akhiri kerja sama');
    await seeText(panel.locator('.problems'), 'wajib diisi');
    await page.fill('#term-reason', 'Kesepakatan para pihak untuk mengakhiri lebih awal');
    // Declining the question sends nothing.
    page.once('dialog', (d) => d.dismiss());
    await click('Akhiri kerja sama');
    await page.waitForTimeout(300);
    expect(await page.locator('.page-head [data-status="active"]').count()).toBe(1);
    let question = '';
    page.once('dialog', (d) => {
      question = d.message();
      return d.accept();
    });
    await click('Akhiri kerja sama');
    await page.locator('.page-head [data-status="terminated"]').waitFor();
    expect(question).toMatch(/Tindakan ini final/);
    await seeText(page.getByTestId('validity'), `diakhiri`);
    await seeText(page.getByTestId('validity'), 'Kesepakatan para pihak untuk mengakhiri lebih awal');
    // Comments by article keep to the document: the evaluation's remarks are in its own section.
    expect(await page.getByTestId('comments').textContent()).not.toMatch(/Kesepakatan para pihak|Lengkap/);
    expect(await panel.count()).toBe(0);
    await seeText(page.locator('.timeline'), 'Mengakhiri kerja sama');
    await screenshot(page, '15-terminated');

    await signInAs(page, 'dispar.penyusun');
    await page.goto(`/agreements/${id}`);
    await page.locator('.page-head [data-status="terminated"]').waitFor();
    await reports().locator('li').first().waitFor();
    expect(await page.getByTestId('activity-form').count()).toBe(0);
  });
});
