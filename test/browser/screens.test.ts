import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Agreement } from '../../shared/agreement/agreement.js';
import { dailyJobOn } from '../integration/support/daily.js';
import type { StackHandle } from '../integration/support/stack.js';
import { appendDownloads } from '../support/long-chain.js';
import { base64, emblemPng } from '../support/png.js';
import { sampleFor } from '../support/samples.js';
import { screenshot, seeText, signInAs, useWebStack } from './support/browser.js';

/** Validation as the user types, a reload that keeps the input, what a role may not do, and both languages. */
describe('web app screens, in Chromium', () => {
  const web = useWebStack();

  const token = (username: string) => web.token(username);
  const problemAt = (page: Page, path: string) => page.locator(`.problems[data-path="${path}"]`);

  it('shows the sign-in page with the demo users', async () => {
    const page = await web.page();
    await page.goto('/');
    await page.locator('button[data-username="gubernur"]').waitFor();
    await screenshot(page, '00-sign-in');
  });

  it('shows the schema’s messages while the drafter types, and the sections that apply', async () => {
    const page = await web.page();
    await signInAs(page, 'disdik.penyusun');
    await page.goto('/agreements/new');
    await page.fill('[name="title.id"]', 'Kerja sama <b>pendidikan</b>');
    await seeText(problemAt(page, 'title.id'), 'tidak boleh berisi markup');
    await page.fill('[name="title.id"]', '');
    await seeText(problemAt(page, 'title.id'), 'wajib diisi');
    await page.fill('[name="title.id"]', 'Kerja sama pendidikan');
    await problemAt(page, 'title.id').waitFor({ state: 'detached' });

    await page.fill('[name="parties[1].country"]', 'AU');
    await seeText(problemAt(page, 'parties[1].country'), 'hanya untuk pihak dalam negeri');
    // A foreign category brings the English column with it.
    expect(await page.locator('[name="title.en"]').count()).toBe(0);
    await page.selectOption('[name="category"]', 'KSDLL');
    expect(await page.isChecked('[name="bilingual"]')).toBe(true);
    await page.locator('[name="title.en"]').waitFor();
    await problemAt(page, 'parties[1].country').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: '+ Tambah penghubung' }).click();
    await page.fill('[name="contacts[0].email"]', 'bukan-email');
    await seeText(problemAt(page, 'contacts[0].email'), 'harus alamat email yang sah');

    expect(await page.getByTestId('obligations').count()).toBe(0);
    await page.selectOption('[name="documentType"]', 'PKS');
    await page.getByTestId('obligations').waitFor();

    // Bilingual asks which text prevails; answered here. The unit's name comes from the registry, so the
    // first field left to fix is the English title the foreign category asked for.
    await page.selectOption('[name="prevailingLanguage"]', 'id');
    await page.getByRole('button', { name: 'Simpan draf', exact: true }).click();
    await seeText(page.getByTestId('form-problems'), 'isian yang perlu diperbaiki');
    await seeText(problemAt(page, 'durationYears'), 'wajib diisi');
    // The first field to fix takes the focus.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
      .toBe('title.en');
    await screenshot(page, '09-form-validation');

    // Nothing typed is lost on reload.
    await page.reload();
    await seeText(page.locator('[role="status"]'), 'dipulihkan');
    expect(await page.inputValue('[name="title.id"]')).toBe('Kerja sama pendidikan');
    expect(await page.inputValue('[name="documentType"]')).toBe('PKS');
  });

  it("keeps a party's emblem through an edit, and takes another from a PNG file with the schema's checks", async () => {
    const drafter = await token('dispar.penyusun');
    const form = sampleFor('mou');
    const partners = base64(emblemPng(90));
    (form.parties[1] as { emblem?: unknown }).emblem = { contentType: 'image/png', data: partners };
    const created = await fetch(`${web.baseUrl}/api/agreements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${drafter}`, 'content-type': 'application/json' },
      body: JSON.stringify(form),
    });
    const { id } = (await created.json()) as { id: string };

    const page = await web.page();
    await signInAs(page, 'dispar.penyusun');
    await page.goto(`/agreements/${id}/edit`);
    await page.getByTestId('emblem-1').waitFor();
    expect(await page.getByTestId('emblem-0').count()).toBe(0);
    // A file that is not a PNG gets the schema's message under its input.
    const input = '[name="parties[0].emblem.data"]';
    await page.setInputFiles(input, {
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('GIF89a...'),
    });
    await seeText(problemAt(page, 'parties[0].emblem.data'), 'bukan berkas PNG');
    const region = Buffer.from(emblemPng(120));
    await page.setInputFiles(input, { name: 'lambang.png', mimeType: 'image/png', buffer: region });
    await page.getByTestId('emblem-0').waitFor();
    await problemAt(page, 'parties[0].emblem.data').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Simpan draf', exact: true }).click();
    await page.waitForURL(`**/agreements/${id}`);

    const res = await fetch(`${web.baseUrl}/api/agreements/${id}`, {
      headers: { authorization: `Bearer ${drafter}` },
    });
    const view = (await res.json()) as {
      currentVersion: number;
      form: { parties: { emblem?: { data: string } }[] };
    };
    expect(view.currentVersion).toBe(2);
    expect(view.form.parties[0]?.emblem?.data).toBe(region.toString('base64'));
    expect(view.form.parties[1]?.emblem?.data).toBe(partners);
  });

  it('shows a role with nothing to do no actions, and another OPD nothing at all', async () => {
    const drafter = await token('dispar.penyusun');
    const created = await fetch(`${web.baseUrl}/api/agreements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${drafter}`, 'content-type': 'application/json' },
      body: JSON.stringify(sampleFor('mou')),
    });
    const { id } = (await created.json()) as { id: string };
    await fetch(`${web.baseUrl}/api/agreements/${id}/actions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${drafter}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'submit', version: 1 }),
    });

    const page = await web.page();
    await signInAs(page, 'sekda');
    await page.goto(`/agreements/${id}`);
    await page.getByTestId('no-actions').waitFor();
    expect(await page.getByTestId('actions').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Menyetujui|Memaraf|Tolak|Tanda tangani/ }).count()).toBe(
      0,
    );
    await seeText(page.getByTestId('next-actor'), 'Kepala OPD DISPAR');
    await screenshot(page, '10-no-actions');

    await signInAs(page, 'evaluator');
    for (const link of ['Kotak masuk', 'Draf baru'])
      expect(await page.getByRole('link', { name: link }).count()).toBe(0);
    await page.goto(`/agreements/${id}`);
    await page.getByTestId('no-actions').waitFor();

    await signInAs(page, 'disdik.kepala');
    expect(await page.getByRole('link', { name: 'Evaluasi' }).count()).toBe(0);
    await page.goto(`/agreements/${id}`);
    await seeText(page.getByRole('alert'), 'tidak ditemukan');
  });

  it('pages through a long history with "more", and says what the daily anchor covers', async () => {
    const drafter = await token('disdik.penyusun');
    const created = await fetch(`${web.baseUrl}/api/agreements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${drafter}`, 'content-type': 'application/json' },
      body: JSON.stringify(sampleFor('pks')),
    });
    const { agreement } = (await created.json()) as { agreement: Agreement };
    // 120 downloads after the draft: three pages of 50.
    await appendDownloads(web.env.TABLE_NAME as string, agreement, 120);

    const page = await web.page();
    await signInAs(page, 'biro.staf');
    await page.goto(`/agreements/${agreement.id}`);
    const timeline = page.locator('ol.timeline > li');
    await seeText(page.getByTestId('history-count'), '50 dari 121 catatan');
    await seeText(page.getByTestId('chain'), 'utuh');
    await seeText(page.getByTestId('anchor'), '121 catatan (1–121)');
    const more = page.getByRole('button', { name: 'Muat lebih banyak' });
    await more.click();
    await seeText(page.getByTestId('history-count'), '100 dari 121 catatan');
    await more.click();
    await seeText(page.getByTestId('history-count'), '121 dari 121 catatan');
    expect(await timeline.count()).toBe(121);
    expect(await more.count()).toBe(0);

    const today = new Date().toISOString().slice(0, 10);
    await dailyJobOn({ env: web.env } as StackHandle, today).run();
    await page.reload();
    await seeText(page.getByTestId('anchor'), 'Catatan 1–121 cocok dengan jangkar harian');
    await screenshot(page, '13-history-anchored');
  });

  it('flags overdue steps in the inbox', async () => {
    const page = await web.page({ width: 390, height: 844 });
    await signInAs(page, 'biro.staf');
    const item = (stepId: string, dueAt: string, overdue: boolean) => ({
      agreementId: `01J00000000000000000000${stepId === 'late' ? 'AAA' : 'BBB'}`,
      stepId,
      role: 'biro_staff',
      kind: 'review',
      title: { id: stepId === 'late' ? 'Kerja sama yang terlambat' : 'Kerja sama tepat waktu' },
      documentType: 'MOU',
      category: 'KSDD',
      version: 1,
      openedAt: '2026-01-01T00:00:00.000Z',
      dueAt,
      overdue,
    });
    // The server decides what is overdue by its clock; this pins both kinds of entry.
    await page.route('**/api/inbox', (route) =>
      route.fulfill({
        json: {
          items: [
            item('late', '2026-01-08T00:00:00.000Z', true),
            item('on-time', '2099-01-01T00:00:00.000Z', false),
          ],
        },
      }),
    );
    await page.goto('/inbox');
    const late = page.getByTestId('inbox').locator('li.overdue');
    await seeText(late, 'Kerja sama yang terlambat');
    await seeText(late, 'Terlambat');
    expect(await page.getByTestId('inbox').locator('li.overdue').count()).toBe(1);
    await screenshot(page, '12-inbox-overdue-phone');
  });

  it('switches between Indonesian and English and keeps the choice', async () => {
    const page = await web.page({ width: 390, height: 844 });
    await signInAs(page, 'disdik.penyusun');
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    await page.getByRole('link', { name: 'Kotak masuk' }).waitFor();
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('link', { name: 'Inbox' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.goto('/agreements/new');
    await page.fill('[name="title.id"]', '<i>x</i>');
    await seeText(problemAt(page, 'title.id'), 'must not contain markup');
    await page.reload();
    await page.getByRole('heading', { name: 'New cooperation draft' }).waitFor();
    await screenshot(page, '11-form-english-phone');
    await page.getByRole('button', { name: 'ID' }).click();
    await page.getByRole('heading', { name: 'Draf kerja sama baru' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('id');
  });
});
