import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sampleFor } from '../support/samples.js';
import { screenshot, seeText, signInAs, useWebStack } from './support/browser.js';
import { fillForm } from './support/form-filler.js';

/**
 * The whole life of the MoU sample through the web app, each person in their own browser session:
 * drafted by DISPAR, endorsed, sent back with a comment on an article, revised, approved, consulted,
 * initialled, signed, the partner's copy uploaded, found in the archive and verified in public.
 */
describe('the MoU sample from draft to verified archive, in Chromium', () => {
  const web = useWebStack();
  let page: Page;
  let id = '';

  const open = async (username: string) => {
    await signInAs(page, username);
    await page.goto(`/agreements/${id}`);
    await page.getByTestId('next-actor').waitFor();
  };
  const status = () => page.locator('.page-head [data-status]').getAttribute('data-status');
  const click = (name: string) => page.getByRole('button', { name, exact: true }).click();
  const waitStatus = (s: string) => page.locator(`.page-head [data-status="${s}"]`).waitFor();

  it('the DISPAR drafter fills in the form, sees the preview, saves and submits', async () => {
    page = await web.page();
    await signInAs(page, 'dispar.penyusun');
    await page.getByRole('link', { name: 'Draf baru' }).click();
    await fillForm(page, sampleFor('mou'));
    await expect
      .poll(() => page.getByTestId('preview').getAttribute('src'), { timeout: 20_000 })
      .toMatch(/^blob:/);
    await screenshot(page, '01-drafting-form');
    await click('Simpan draf');
    await page.waitForURL(/\/agreements\/[0-9A-Z]{26}$/);
    id = page.url().split('/').pop() as string;
    await waitStatus('draft');
    await click('Mengajukan');
    await waitStatus('in_review');
    await seeText(page.getByTestId('next-actor'), 'Kepala OPD DISPAR');
  });

  it('the head of DISPAR finds it in the inbox and endorses it', async () => {
    await signInAs(page, 'dispar.kepala');
    await page.goto('/inbox');
    const item = page.getByTestId('inbox').getByRole('link', { name: 'Kerja Sama Provinsi Bersaudara' });
    await item.waitFor();
    await screenshot(page, '02-inbox');
    await item.click();
    await click('Menyetujui (Kepala OPD)');
    await seeText(page.getByTestId('next-actor'), 'Staf Biro Kerja Sama');
  });

  it('the Biro asks for a change on the scope article', async () => {
    await open('biro.staf');
    await page.fill('#act-comment', 'Tambahkan pertukaran pemuda pada ruang lingkup');
    await page.selectOption('#act-article', 'scope');
    await click('Minta perbaikan');
    await waitStatus('changes_requested');
    await seeText(page.getByTestId('comments'), 'RUANG LINGKUP');
  });

  it('the drafter revises the scope and resubmits; the comparison shows the change', async () => {
    await open('dispar.penyusun');
    await seeText(page.getByTestId('comments'), 'Tambahkan pertukaran pemuda');
    await page.getByRole('link', { name: 'Revisi draf' }).click();
    await page.fill('[name="scope[0].id"]', 'pertukaran pelajar, pemuda, guru dan tenaga kependidikan');
    await page.fill('[name="scope[0].en"]', 'exchange of students, youth, teachers and education personnel');
    await click('Simpan dan ajukan kembali');
    await page.waitForURL(new RegExp(`/agreements/${id}$`));
    await waitStatus('in_review');
    const diff = page.getByTestId('diff');
    await seeText(diff.locator('ins'), 'pemuda');
    await seeText(page.getByTestId('chain'), 'utuh');
    await screenshot(page, '03-agreement-revised');
  });

  it('the route runs on: endorsement, Biro staff and head, the ministry’s letter, the Sekda’s initials', async () => {
    await open('dispar.kepala');
    await click('Menyetujui (Kepala OPD)');
    await seeText(page.getByTestId('next-actor'), 'Staf Biro');
    await open('biro.staf');
    await click('Menyetujui');
    await seeText(page.getByTestId('next-actor'), 'Kepala Biro');
    await open('biro.kepala');
    await click('Menyetujui');
    await seeText(page.getByTestId('next-actor'), 'konsultasi pusat');
    await open('biro.staf');
    await page.setInputFiles('#act-letter', {
      name: 'surat-kemendagri.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await click('Menyetujui');
    await seeText(page.getByTestId('next-actor'), 'Sekretaris Daerah');
    await open('sekda');
    await click('Memaraf');
    await waitStatus('ready_to_sign');
  });

  it('the governor signs digitally', async () => {
    await open('gubernur');
    await screenshot(page, '04-sign');
    await click('Tanda tangani secara digital');
    await seeText(page.getByTestId('next-actor'), 'unggah naskah pihak mitra');
  });

  it('the Biro downloads the region-signed PDF, then uploads the partner’s signed copy', async () => {
    await open('biro.staf');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Unduh PDF yang ditandatangani daerah' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`mou-${id}-signed-v2-1.pdf`);
    const partnerSigned = await readFile(await download.path());
    const shown = await page.getByTestId('region-signed').locator('code.hash').textContent();
    expect(shown).toBe(`SHA-256 ${createHash('sha256').update(partnerSigned).digest('hex')}`);
    expect(partnerSigned.subarray(0, 5).toString()).toBe('%PDF-');
    // Over the form's limit, the upload helper refuses before sending a byte. (Given as a path:
    // a 25 MB buffer is too slow to hand over to the browser.)
    const tooBig = join(await mkdtemp(join(tmpdir(), 'upload-')), 'too-big.pdf');
    await writeFile(tooBig, Buffer.concat([partnerSigned, Buffer.alloc(25 * 1024 * 1024)]));
    await page.setInputFiles('#signed-copy', tooBig);
    await click('Unggah');
    await seeText(page.locator('.upload [role="alert"]'), 'Berkas lebih besar dari 25 MB.');
    await rm(dirname(tooBig), { recursive: true });
    await page.setInputFiles('#signed-copy', {
      name: 'partner-signed.pdf',
      mimeType: 'application/pdf',
      buffer: partnerSigned,
    });
    await click('Unggah');
    await seeText(page.getByTestId('upload-verdict'), 'Diterima');
    expect(await page.locator('#upload-progress').getAttribute('value')).toBe('1');
    await screenshot(page, '05-upload-accepted');
    await waitStatus('expired');
    expect(await status()).toBe('expired');
  });

  it('an evaluator finds it in the archive and verifies the downloaded PDF without signing in', async () => {
    await signInAs(page, 'evaluator');
    await page.getByRole('link', { name: 'Arsip' }).click();
    await page.fill('#a-q', 'Queensland');
    await page.selectOption('#a-documentType', 'MOU');
    await click('Cari');
    const results = page.getByTestId('archive-results');
    await seeText(results, 'Kerja Sama Provinsi Bersaudara');
    await results.getByRole('button', { name: 'Unduh PDF bertanda tangan' }).click();
    const href = (await page.getByTestId('signed-pdf').getAttribute('href')) as string;
    await screenshot(page, '06-archive');
    const pdf = Buffer.from(await (await fetch(href)).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const visitor = await web.page({ width: 390, height: 844 });
    await visitor.goto('/verify');
    await visitor.setInputFiles('#verify-file', {
      name: 'mou.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await seeText(visitor.getByTestId('verify-verdict'), 'Cocok');
    await seeText(visitor.getByTestId('verify-record'), 'Kerja Sama Provinsi Bersaudara');
    await seeText(visitor.getByTestId('archive-seal'), 'diperbarui sebelum');
    // The verdict of the report: passed, PAdES B-LTA (timestamped, its revocation data in the file
    // under the archive's document timestamp), then that timestamp's own entry.
    await seeText(visitor.getByTestId('indication').first(), 'lulus');
    await seeText(visitor.locator('.signatures'), 'PAdES B-LTA');
    await seeText(visitor.locator('.signatures'), 'Cap waktu dokumen');
    await seeText(
      visitor.getByTestId('coverage').first(),
      'setelahnya hanya tanda tangan atau data validasi',
    );
    const report = await visitor.getByTestId('report-pdf').getAttribute('href');
    const printed = await fetch(`${web.baseUrl}${report}`);
    expect(printed.headers.get('content-type')).toBe('application/pdf');
    await screenshot(visitor, '07-verify-phone');
    await visitor.goto(`/verify/${id}`);
    await seeText(visitor.getByTestId('verify-verdict'), 'arsip resmi');
    // The archived record's signatures, with their coverage, as the QR code opens them.
    await seeText(visitor.getByTestId('indication').first(), 'lulus');
    await seeText(
      visitor.getByTestId('coverage').first(),
      'setelahnya hanya tanda tangan atau data validasi',
    );
  });

  it('the evaluation dashboard counts it and lists it as expired; the Biro reports it, the evaluator reads it', async () => {
    await page.getByRole('link', { name: 'Evaluasi' }).click();
    await seeText(page.getByTestId('total'), '1');
    await page.getByRole('button', { name: 'Sudah berakhir' }).click();
    await seeText(page.locator('#lists'), 'Kerja Sama Provinsi Bersaudara');
    await page.locator('canvas').first().waitFor();
    // Evaluators read everything and write nothing: no form to generate a report.
    await seeText(page.locator('#reports'), 'Belum ada laporan');
    expect(await page.locator('#report-period').count()).toBe(0);

    await signInAs(page, 'biro.staf');
    await page.goto('/dashboard');
    await page.fill('#report-period', '2019');
    await page.getByRole('button', { name: 'Susun laporan' }).click();
    await page.getByTestId('reports').getByRole('link', { name: 'XLSX' }).waitFor();

    await signInAs(page, 'evaluator');
    await page.goto('/dashboard');
    const report = page.getByTestId('reports').getByRole('link', { name: 'XLSX' });
    await report.waitFor();
    const xlsx = await fetch((await report.getAttribute('href')) as string);
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    await screenshot(page, '08-dashboard');
  });
});
