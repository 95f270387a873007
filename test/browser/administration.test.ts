import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs } from '../integration/support/api.js';
import { sampleFor } from '../support/samples.js';
import { screenshot, seeText, signInAs, useWebStack } from './support/browser.js';
import { fillForm } from './support/form-filler.js';

interface Region {
  name: { id: string; en: string };
  head: { name: string; position: { id: string; en: string } };
  address: string;
}

/**
 * The region's own administration through the web app: the admin onboards a unit and a user, who
 * then drafts for it; the API's refusals shown where the admin acts; a disabled user signed out.
 */
describe('the administration, in Chromium', () => {
  const web = useWebStack();

  const call = (username: string, method: string, path: string, body?: unknown) =>
    apiAs(web, username)(method, path, body);
  const problemAt = (page: Page, path: string) => page.locator(`.problems[data-path="${path}"]`);
  const click = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

  it('the admin onboards a unit and a user through the web app, and the new user drafts', async () => {
    const region = (await call('admin', 'GET', '/api/region')).json as Region;
    const page = await web.page();
    await signInAs(page, 'admin');
    await page.waitForURL('**/admin/region');
    await seeText(page.getByTestId('region-name'), region.name.id);

    await page.getByRole('link', { name: 'Unit kerja (OPD)' }).click();
    const unitForm = page.getByTestId('new-unit');
    await unitForm.locator('[name="code"]').fill('DISKOMINFO');
    await unitForm.locator('[name="name.id"]').fill('Dinas Komunikasi dan Informatika');
    await unitForm.locator('[name="name.en"]').fill('Communication and Informatics Agency');
    await unitForm.locator('[name="head.name"]').fill('Ir. Bagus Wicaksono');
    await unitForm.locator('[name="head.nip"]').fill('12345');
    await seeText(problemAt(page, 'head.nip'), 'NIP');
    await unitForm.locator('[name="head.nip"]').fill('197805122003121004');
    await click(page, 'Tambah unit');
    await page.locator('[data-unit="DISKOMINFO"]').waitFor();
    // A second unit with the same code is refused, and the API's reason is shown.
    await unitForm.locator('[name="code"]').fill('DISKOMINFO');
    await unitForm.locator('[name="name.id"]').fill('Dinas Kominfo');
    await unitForm.locator('[name="name.en"]').fill('Kominfo Agency');
    await click(page, 'Tambah unit');
    await seeText(unitForm.getByRole('alert'), 'DISKOMINFO');
    await screenshot(page, '20-admin-units');

    await page.getByRole('link', { name: 'Pengguna' }).click();
    const invite = page.getByTestId('invite-user');
    await invite.locator('[name="name"]').fill('Wulan Sasmita');
    await invite.locator('[name="email"]').fill('wulan@diskominfo.example.go.id');
    await invite.locator('[name="nip"]').fill('199001012015032001');
    await invite.locator('[name="username"]').fill('diskominfo.penyusun');
    await invite.locator('[name="role"]').selectOption('opd_drafter');
    // An OPD role needs a unit: the schema says so before anything is sent.
    await click(page, 'Undang');
    await seeText(problemAt(page, 'unit'), 'peran OPD');
    await invite.locator('[name="unit"] option[value="DISKOMINFO"]').waitFor({ state: 'attached' });
    await invite.locator('[name="unit"]').selectOption('DISKOMINFO');
    await click(page, 'Undang');
    await seeText(page.getByTestId('invited'), 'diskominfo.penyusun');
    await page.fill('#user-q', 'Wulan');
    await seeText(page.locator('[data-user="diskominfo.penyusun"]'), 'DISKOMINFO');
    await screenshot(page, '21-admin-users');

    // The sign-in page lists the stored users; the search narrows a long list.
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.fill('#user-search', 'wulan');
    await page.locator('button[data-username="diskominfo.penyusun"]').waitFor();
    expect(await page.locator('button[data-username="admin"]').count()).toBe(0);
    await page.locator('button[data-username="diskominfo.penyusun"]').click();
    await seeText(page.getByTestId('current-role'), 'DISKOMINFO');

    await page.getByRole('link', { name: 'Draf baru' }).click();
    // The drafter's unit and the region as the first party come filled in.
    expect(await page.inputValue('[name="initiatingUnit.code"]')).toBe('DISKOMINFO');
    await expect
      .poll(() => page.inputValue('[name="initiatingUnit.name"]'))
      .toBe('Dinas Komunikasi dan Informatika');
    expect(await page.inputValue('[name="parties[0].name.id"]')).toBe(region.name.id);
    expect(await page.inputValue('[name="parties[0].signatory.name"]')).toBe(region.head.name);
    expect(await page.inputValue('[name="parties[0].signatory.position.id"]')).toBe(region.head.position.id);
    const form = sampleFor('mou');
    form.initiatingUnit = { code: 'DISKOMINFO', name: 'Dinas Komunikasi dan Informatika' };
    await fillForm(page, form, (path) => path.startsWith('parties[0].'));
    await click(page, 'Simpan draf');
    await page.waitForURL(/\/agreements\/[0-9A-Z]{26}$/);
    const id = page.url().split('/').pop() as string;
    await page.locator('.page-head [data-status="draft"]').waitFor();
    await screenshot(page, '22-new-user-draft');

    const saved = await call('diskominfo.penyusun', 'GET', `/api/agreements/${id}`);
    expect(saved.status).toBe(200);
    expect(saved.json.form.initiatingUnit.code).toBe('DISKOMINFO');
    expect(saved.json.form.parties[0].name.id).toBe(region.name.id);
    expect(saved.json.form.parties[0].signatory.name).toBe(region.head.name);
    expect(saved.json.form.parties[1].name.id).toBe(form.parties[1].name.id);
  });

  it('signs a disabled user out on their next request, with the reason', async () => {
    const created = await call('admin', 'POST', '/api/admin/users', {
      name: 'Yoga Pratama',
      email: 'yoga@biro.example.go.id',
      nip: '198512302010011002',
      role: 'biro_staff',
      username: 'biro.yoga',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const user = await web.page();
    await signInAs(user, 'biro.yoga');
    await user.waitForURL('**/inbox');

    const admin = await web.page();
    await signInAs(admin, 'admin');
    await admin.goto('/admin/users');
    await admin.fill('#user-q', 'Yoga');
    const row = admin.locator('[data-user="biro.yoga"]');
    await row.getByRole('button', { name: 'Nonaktifkan' }).click();
    await seeText(row, 'Dinonaktifkan');

    await user.reload();
    await user.getByTestId('signed-out').waitFor();
    expect(await user.getByTestId('current-role').count()).toBe(0);
    await screenshot(user, '23-disabled-signed-out');
  });

  it('edits a route with the API’s checks and names the agreements that keep the earlier version', async () => {
    const drafted = await call('disdik.penyusun', 'POST', '/api/agreements', sampleFor('pks'));
    expect(drafted.status).toBe(201);
    const submitted = await call('disdik.penyusun', 'POST', `/api/agreements/${drafted.json.id}/actions`, {
      action: 'submit',
      version: 1,
    });
    expect(submitted.status).toBe(200);

    const page = await web.page();
    await signInAs(page, 'admin');
    await page.goto('/admin/routes');
    await page.selectOption('#rt-type', 'PKS');
    await page.selectOption('#rt-category', 'KSDPK');
    // The heading names the route chosen: an earlier route may still show while this one loads.
    await seeText(page.locator('#route-h'), 'PKS · KSDPK — versi 0');
    const steps = page.getByTestId('route-step');
    await steps.first().waitFor();
    const count = await steps.count();
    // A gap between stages and a route without a signing step are refused, each said where it is.
    await page.fill('[name="steps[1].stage"]', '9');
    await seeText(problemAt(page, 'steps'), 'tanpa lompatan');
    await page.fill('[name="steps[1].stage"]', '2');
    await page.selectOption(`[name="steps[${count - 1}].kind"]`, 'review');
    await click(page, 'Simpan sebagai versi baru');
    await seeText(problemAt(page, 'steps'), 'tanda tangan');
    await page.selectOption(`[name="steps[${count - 1}].kind"]`, 'sign');
    // The Biro head's review goes: the stages after it move up one.
    const ids = await page
      .locator('[name$=".id"][name^="steps["]')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    const dropped = ids.indexOf('biro-head-review');
    expect(dropped).toBeGreaterThan(-1);
    for (let i = dropped + 1; i < count; i++) {
      const stage = Number(await page.inputValue(`[name="steps[${i}].stage"]`));
      await page.fill(`[name="steps[${i}].stage"]`, String(stage - 1));
    }
    await steps.nth(dropped).getByRole('button', { name: 'Hapus langkah' }).click();
    await click(page, 'Simpan sebagai versi baru');
    await seeText(page.locator('#route-h'), 'versi 1');
    await seeText(page.getByTestId('route-kept'), sampleFor('pks').title.id);
    await screenshot(page, '24-admin-route');

    await page.getByRole('link', { name: 'Log administrasi' }).click();
    await seeText(page.getByTestId('admin-log'), 'route.update');
    expect(await page.getByTestId('chain').getAttribute('data-intact')).toBe('true');
  });
});
