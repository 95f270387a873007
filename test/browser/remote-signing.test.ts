import { afterAll, describe, expect, it } from 'vitest';
import { apiAs } from '../integration/support/api.js';
import { journey } from '../integration/support/journey.js';
import { screenshot, seeText, signInAs, useWebStack } from './support/browser.js';

// The stack runs in this process: its signing goes through the embedded BSrE simulator.
process.env.SIGNING_TRANSPORT = 'bsre';
afterAll(() => {
  delete process.env.SIGNING_TRANSPORT;
});

/** The demo governor's passphrase at the simulated BSrE (infra/local/seed/demo-region.json, fictional). */
const PASSPHRASE = 'Gubernur#Demo2026';

describe('signing with a passphrase when the keys live at BSrE, in Chromium', () => {
  const web = useWebStack();

  it('asks the governor for the passphrase, says when it is wrong, and signs with the right one', async () => {
    const id = await journey(web).atSigning('pks');
    const page = await web.page();
    await signInAs(page, 'gubernur');
    await page.goto(`/agreements/${id}`);
    const field = page.getByLabel('Passphrase tanda tangan elektronik');
    const sign = page.getByRole('button', { name: 'Tanda tangani secara digital', exact: true });
    await field.waitFor();
    expect(await field.getAttribute('type')).toBe('password');
    expect(await sign.isDisabled()).toBe(true);

    await field.fill('bukan-passphrase-nya');
    await sign.click();
    await seeText(page.locator('.sign'), /passphrase salah/);
    // Forgotten at once, and the step is still open.
    expect(await field.inputValue()).toBe('');
    expect(await page.locator('.page-head [data-status]').getAttribute('data-status')).toBe('ready_to_sign');
    await screenshot(page, 'remote-sign-wrong-passphrase');

    await field.fill(PASSPHRASE);
    await sign.click();
    await seeText(page.getByTestId('next-actor'), 'unggah naskah pihak mitra');
  });

  it('lets the admin set a signer’s NIK on the users page, checked as 16 digits', async () => {
    const page = await web.page();
    await signInAs(page, 'admin');
    await page.getByRole('link', { name: 'Pengguna' }).click();
    await page.fill('#user-q', 'Wisnu');
    const row = page.locator('[data-user="sekda"]');
    await seeText(row, 'NIK 3374013007680002');
    await row.getByRole('button', { name: 'Ubah peran/unit/NIK' }).click();
    const edit = page.getByTestId('edit-user');
    await edit.locator('[name="nik"]').fill('3374-01');
    await edit.getByRole('button', { name: 'Simpan' }).click();
    await seeText(page.locator('.problems[data-path="nik"]'), 'NIK 16 angka');
    await edit.locator('[name="nik"]').fill('3374013007680009');
    await edit.getByRole('button', { name: 'Simpan' }).click();
    await seeText(row, 'NIK 3374013007680009');
    const stored = await apiAs(web, 'admin')('GET', '/api/admin/users?q=Wisnu');
    expect(stored.json.items[0]).toMatchObject({ username: 'sekda', nik: '3374013007680009' });
  });
});
