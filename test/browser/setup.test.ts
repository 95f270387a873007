import { describe, it } from 'vitest';
import { screenshot, seeText, useWebStack } from './support/browser.js';

/** A stack started empty: its web app opens the first start, which makes the region and its admin. */
describe('the first start, in Chromium', () => {
  const web = useWebStack({ empty: true });

  it('sets up the region and its first admin, who is then signed in to administer it', async () => {
    const page = await web.page();
    await page.goto('/');
    const form = page.getByTestId('setup-form');
    const fill = (name: string, value: string) => form.locator(`[name="${name}"]`).fill(value);
    await fill('region.name.id', 'Pemerintah Kota Tirtamaya');
    await fill('region.name.en', 'Tirtamaya City Government');
    await form.locator('select[name="region.level"]').selectOption('kota');
    await fill('region.bureau.id', 'Bagian Kerja Sama');
    await fill('region.bureau.en', 'Cooperation Division');
    await fill('region.address', 'Jl. Balai Kota No. 1, Tirtamaya');
    for (const [office, name, nip, id, en] of [
      ['head', 'Dr. Arya Nugraha', '197103032000031003', 'Wali Kota Tirtamaya', 'Mayor of Tirtamaya'],
      [
        'sekda',
        'Dra. Sari Wulandari',
        '197404042001122004',
        'Sekretaris Daerah Kota Tirtamaya',
        'City Secretary of Tirtamaya',
      ],
    ] as const) {
      await fill(`region.${office}.name`, name);
      await fill(`region.${office}.nip`, nip);
      await fill(`region.${office}.position.id`, id);
      await fill(`region.${office}.position.en`, en);
    }
    await fill('admin.name', 'Dewi Anggraini');
    await fill('admin.username', 'dewi.admin');
    await fill('admin.email', 'dewi@tirtamaya.example');
    await fill('admin.nip', '123');
    await page.getByRole('button', { name: 'Siapkan dan masuk' }).click();
    await seeText(page.locator('.problems[data-path="admin.nip"]'), 'NIP');
    await fill('admin.nip', '198802022012122005');
    await screenshot(page, '30-first-start');
    await page.getByRole('button', { name: 'Siapkan dan masuk' }).click();
    await page.getByTestId('current-role').waitFor();
    await seeText(page.locator('body'), 'Dewi Anggraini');
    await page.goto('/admin/region');
    await seeText(page.getByTestId('region-name'), 'Pemerintah Kota Tirtamaya');
  }, 120_000);
});
