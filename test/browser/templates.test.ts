import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { TemplateFile } from '../../shared/documents/template.js';
import { apiAs } from '../integration/support/api.js';
import { batchWorkbook, school } from '../support/batch-workbook.js';
import { sampleFor } from '../support/samples.js';
import { screenshot, seeText, signInAs, useWebStack } from './support/browser.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The built-in MoU template with the force majeure notice shortened from 14 days to 7, in both languages. */
function shorterNotice(): { yaml: string; before: { id: string; en: string } } {
  const mou: TemplateFile = parse(readFileSync(new URL('../../templates/mou.yaml', import.meta.url), 'utf8'));
  const article = mou.articles.find((a) => a.key === 'forceMajeure');
  const clause = article?.clauses[1];
  if (!clause?.en) throw new Error('the MoU template has no second force majeure clause in two languages');
  const before = { id: clause.id, en: clause.en };
  clause.id = clause.id.replace('14 (empat belas) hari', '7 (tujuh) hari');
  clause.en = clause.en.replace('14 (fourteen) days', '7 (seven) days');
  expect([clause.id, clause.en]).not.toEqual([before.id, before.en]);
  return { yaml: stringify(mou), before };
}

/**
 * Issue 14 in the web app: the Biro's template library (upload, report, clause diff, four eyes),
 * the article editor on a draft with its deviations, and batch drafting from a workbook.
 */
describe('templates, negotiated wording and batch drafting, in Chromium', () => {
  const web = useWebStack();
  const call = (username: string, method: string, path: string, body?: unknown) =>
    apiAs(web, username)(method, path, body);
  const acceptDialogs = (page: Page) => page.on('dialog', (d) => d.accept());

  it('a Biro head uploads a template and sees its report and clause diff; another activates it', async () => {
    const page = await web.page();
    acceptDialogs(page);
    await signInAs(page, 'biro.kepala');
    await page.getByRole('link', { name: 'Templat', exact: true }).click();
    await page.waitForURL('**/templates');
    await seeText(page.locator('[data-type="MOU"] [data-testid="active-version"]'), 'v1');
    // The schema of template files, fetched with the user's token and saved.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh skema berkas templat (JSON Schema)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('template.schema.json');
    const schema = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
    expect(schema).toEqual(JSON.parse(readFileSync('templates/template.schema.json', 'utf8')));

    // A file with an unknown placeholder is refused, the problem named with its article, clause and line.
    const { yaml } = shorterNotice();
    const broken = yaml.replace('7 (tujuh) hari', '7 (tujuh) hari {tenggat}');
    await page.setInputFiles('#template-file', {
      name: 'mou-rusak.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(broken),
    });
    await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
    await page.waitForURL(/\/templates\/[0-9A-Z]{26}$/);
    await page
      .locator('[data-testid="candidate-status"] [data-status="refused"]')
      .waitFor({ timeout: 120_000 });
    const problem = page.getByTestId('problems').locator('tbody tr').filter({ hasText: 'tenggat' });
    await problem.waitFor();
    const cells = await problem.locator('td').allInnerTexts();
    expect(cells[0]).toBe('forceMajeure');
    expect(cells[1]).toBe('2');
    // The line of the clause's text: at or above the line the placeholder is on, below the article's key.
    const lines = broken.split('\n');
    const line = Number(cells[2]);
    expect(line).toBeGreaterThan(lines.findIndex((l) => l.includes('key: forceMajeure')) + 1);
    expect(line).toBeLessThanOrEqual(lines.findIndex((l) => l.includes('{tenggat}')) + 1);
    expect(await page.getByRole('button', { name: 'Aktifkan' }).count()).toBe(0);

    // The good file: valid, no problems, the changed clause shown word by word in both languages.
    await page.goto('/templates');
    await page.setInputFiles('#template-file', {
      name: 'mou.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(yaml),
    });
    await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
    await page.waitForURL(/\/templates\/[0-9A-Z]{26}$/);
    const id = page.url().split('/').pop() as string;
    await page
      .locator('[data-testid="candidate-status"] [data-status="valid"]')
      .waitFor({ timeout: 120_000 });
    await seeText(page.getByTestId('no-problems'), 'Tidak ada masalah.');
    const part = page.locator('[data-testid="template-diff"] [data-part="forceMajeure"]');
    await seeText(part.locator('h3'), 'KEADAAN KAHAR (forceMajeure)');
    const clause = part.locator('[data-clause="2"]');
    await seeText(clause.locator('h4'), 'Klausul 2 diubah');
    expect(await clause.locator('[lang="id"] ins').allInnerTexts()).toEqual(
      expect.arrayContaining(['7', 'tujuh']),
    );
    expect(await clause.locator('[lang="id"] del').allInnerTexts()).toEqual(
      expect.arrayContaining(['14', 'empat belas']),
    );
    expect(await clause.locator('[lang="en"] ins').allInnerTexts()).toEqual(
      expect.arrayContaining(['7', 'seven']),
    );
    // Only that clause differs.
    expect(await page.locator('[data-testid="template-diff"] [data-part]').count()).toBe(1);
    // Samples for every category and language the MoU may be drafted in, each a PDF and a DOCX.
    const samples = page.getByTestId('samples').locator('tbody tr');
    expect(await samples.count()).toBe(6);
    const pdf = await page.getByTestId('sample-pdf').first().getAttribute('href');
    const res = await fetch(pdf as string);
    expect(res.status).toBe(200);
    // A preview: the browser opens it in its own PDF viewer instead of saving it.
    expect(res.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await screenshot(page, '40-template-candidate');

    // The uploader's own activation is refused: four eyes.
    await page.getByRole('button', { name: 'Aktifkan' }).click();
    await seeText(
      page.getByRole('alert'),
      'Templat yang Anda unggah diaktifkan oleh Kepala Biro atau admin lain',
    );
    const listing = (await call('biro.kepala', 'GET', '/api/templates')).json;
    expect(listing.active.find((a: { documentType: string }) => a.documentType === 'MOU').version).toBe(1);

    // An admin activates it; the library shows it in force.
    const admin = await web.page();
    acceptDialogs(admin);
    await signInAs(admin, 'admin');
    await admin.getByRole('link', { name: 'Templat', exact: true }).click();
    await admin.locator(`[data-candidate="${id}"] a`).click();
    await admin.getByRole('button', { name: 'Aktifkan' }).click();
    await seeText(admin.locator('[data-testid="candidate-status"] [data-status="active"]'), 'aktif · v2');
    await admin.getByRole('link', { name: 'Pustaka templat' }).click();
    const row = admin.locator('[data-type="MOU"]');
    await seeText(row.getByTestId('active-version'), 'v2');
    await seeText(row, 'diaktifkan oleh');
    await seeText(admin.locator(`[data-candidate="${id}"] [data-status="active"]`), 'v2');
    await screenshot(admin, '41-template-library');
  }, 300_000);

  it('a drafter rewrites an article in both languages and sees the new version with its deviation', async () => {
    const created = await call('dispar.penyusun', 'POST', '/api/agreements', sampleFor('mou'));
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.id as string;
    const page = await web.page();
    await signInAs(page, 'dispar.penyusun');
    await page.goto(`/agreements/${id}`);
    const editor = page.getByTestId('article-editor');
    const duration = editor.locator('[data-article="duration"]');
    await duration.getByRole('button', { name: 'Ubah teks' }).click();
    const id1 = 'Nota Kesepahaman ini berlaku selama 3 (tiga) tahun sejak tanggal ditandatangani.';
    const en1 =
      'This Memorandum of Understanding is in force for 3 (three) years from the date of its signing.';
    await duration.locator('[name="duration.clauses[0].id"]').fill(id1);
    await duration.locator('[name="duration.clauses[0].en"]').fill(en1);
    await duration.getByRole('button', { name: 'Terapkan' }).click();
    await seeText(duration, 'belum disimpan');

    // A required article cannot be left out: the editor says so, and the API would refuse it.
    const disputes = editor.locator('[data-article="disputes"]');
    expect(await disputes.getByRole('button', { name: 'Hapus pasal' }).isDisabled()).toBe(true);
    await seeText(disputes.getByTestId('required-article'), 'Pasal wajib menurut templat');

    await editor.getByRole('button', { name: 'Simpan sebagai versi baru' }).click();
    await seeText(page.getByTestId('deviations-v2'), 'teks diubah dari templat');
    await seeText(page.locator('.page-head'), 'v2');
    // The new version's text is the editor's, and the version diff flags the deviation.
    await seeText(editor.locator('[data-article="duration"] [lang="en"]'), en1);
    const flagged = page
      .locator('[data-testid="diff"] .diff-section')
      .filter({ hasText: 'teks diubah dari templat' });
    await seeText(flagged.locator('ins'), 'tiga');
    expect(await page.getByTestId('deviations-v1').textContent()).toBe('sesuai templat');
    await screenshot(page, '42-article-editor');

    const view = (await call('dispar.penyusun', 'GET', `/api/agreements/${id}`)).json;
    expect(view.currentVersion).toBe(2);
    expect(view.form.articles).toEqual([
      expect.objectContaining({ key: 'duration', clauses: expect.arrayContaining([{ id: id1, en: en1 }]) }),
    ]);
    expect(view.versions[1].deviations).toEqual([{ key: 'duration', kind: 'changed' }]);

    // Saving the form again (the form page) keeps the negotiated wording.
    await page.goto(`/agreements/${id}/edit`);
    await page.getByRole('button', { name: 'Simpan draf' }).click();
    await page.waitForURL(`**/agreements/${id}`);
    await seeText(page.getByTestId('deviations-v3'), 'teks diubah dari templat');
    const kept = (await call('dispar.penyusun', 'GET', `/api/agreements/${id}`)).json;
    expect(kept.currentVersion).toBe(3);
    expect(kept.form.articles).toEqual(view.form.articles);

    // Under review the Biro edits the wording too; the drafter no longer may.
    const submitted = await call('dispar.penyusun', 'POST', `/api/agreements/${id}/actions`, {
      action: 'submit',
      version: 3,
    });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
    await page.reload();
    await page.locator('.page-head [data-status="in_review"]').waitFor();
    expect(await page.getByTestId('article-editor').count()).toBe(0);
    const biro = await web.page();
    await signInAs(biro, 'biro.staf');
    await biro.goto(`/agreements/${id}`);
    const purpose = biro.locator('[data-testid="article-editor"] [data-article="purpose"]');
    await purpose.getByRole('button', { name: 'Ubah teks' }).click();
    await purpose.locator('[name="purpose.clauses[0].en"]').fill('The purpose as the Biro words it.');
    await purpose.locator('[name="purpose.clauses[0].id"]').fill('Maksud sebagaimana dirumuskan Biro.');
    await purpose.getByRole('button', { name: 'Terapkan' }).click();
    await biro.getByRole('button', { name: 'Simpan sebagai versi baru' }).click();
    const v4 = biro.getByTestId('deviations-v4');
    await seeText(v4.locator('[data-key="purpose"]'), 'teks diubah dari templat');
    await seeText(v4.locator('[data-key="duration"]'), 'teks diubah dari templat');
    await seeText(biro.locator('.page-head [data-status="in_review"]'), 'Dalam telaah');
  }, 120_000);

  it('a drafter uploads a batch workbook and sees rows done of total, then the result workbook', async () => {
    const noName = school(3);
    noName[2] = '';
    const book = await batchWorkbook({ rows: [school(1), school(2), noName, school(4)] });
    const page = await web.page();
    await signInAs(page, 'disdik.penyusun');
    await page.getByRole('link', { name: 'Draf massal' }).click();
    await seeText(page.locator('#batch-format'), 'partners');
    await page.setInputFiles('#batch-file', { name: 'sekolah.xlsx', mimeType: XLSX, buffer: book });
    await page.getByRole('button', { name: 'Unggah dan susun draf' }).click();
    await page.waitForURL(/\/batches\/[0-9A-Z]{26}$/);
    await page.locator('[data-testid="batch-status"][data-status="done"]').waitFor({ timeout: 120_000 });
    await seeText(page.getByTestId('batch-counts'), '3 dari 4 baris menjadi draf, 1 gagal');
    const link = await page.getByTestId('batch-result').getAttribute('href');
    const res = await fetch(link as string);
    expect(res.status).toBe(200);
    const result = new ExcelJS.Workbook();
    await result.xlsx.load(await res.arrayBuffer());
    const sheet = result.getWorksheet('result');
    if (!sheet) throw new Error('no result sheet');
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).map(String);
    const column = header.indexOf('status');
    expect(column).toBeGreaterThan(0);
    const statuses: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) statuses.push(String(row.getCell(column).value));
    });
    expect(statuses.sort()).toEqual(['drafted', 'drafted', 'drafted', 'failed']);
    await screenshot(page, '43-batch');

    // In English, the same progress.
    await page.getByRole('button', { name: 'EN' }).click();
    await seeText(page.getByTestId('batch-counts'), '3 of 4 rows drafted, 1 failed');
  }, 180_000);
});
