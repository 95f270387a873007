import type { Page } from 'playwright-core';
import { formatPath } from '../../../shared/form/messages.js';

/** Inputs set by their own controls rather than typed into. */
const CONTROLLED = new Set([
  'documentType',
  'category',
  'languages',
  'prevailingLanguage',
  'fields',
  'initiatingUnit.code',
]);

/** Every text leaf of a form with its schema path: `parties[1].signatory.name` → "…". */
function leaves(value: unknown, path: PropertyKey[] = []): [string, string | number][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [[formatPath(path), value as string | number]];
}

/**
 * Types a contract form into the drafting page as a clerk would, field by field; the text fields
 * `skip` names are left as the page filled them in (e.g. the region's own party).
 */
export async function fillForm(
  page: Page,
  // biome-ignore lint/suspicious/noExplicitAny: sample forms are plain JSON
  form: any,
  skip: (path: string) => boolean = () => false,
): Promise<void> {
  await page.selectOption('[name="documentType"]', form.documentType);
  await page.selectOption('[name="category"]', form.category);
  if (form.languages.includes('en') && !(await page.isChecked('[name="bilingual"]'))) {
    await page.check('[name="bilingual"]');
  }
  if (form.prevailingLanguage)
    await page.selectOption('[name="prevailingLanguage"]', form.prevailingLanguage);
  for (const field of form.fields) await page.check(`input[name="fields"][value="${field}"]`);
  for (let i = 2; i < form.parties.length; i++)
    await page.getByRole('button', { name: '+ Tambah pihak' }).click();
  for (let i = 1; i < form.scope.length; i++)
    await page.getByRole('button', { name: '+ Tambah ruang lingkup' }).click();
  for (const _ of form.contacts ?? [])
    await page.getByRole('button', { name: '+ Tambah penghubung' }).click();
  if (form.effectiveFrom !== 'signing') await page.getByLabel('Pada tanggal').check();
  for (const [path, value] of leaves(form)) {
    if (CONTROLLED.has(path) || path.startsWith('languages') || path.startsWith('fields[') || skip(path))
      continue;
    if (path === 'effectiveFrom' && value === 'signing') continue;
    const selector = `[name="${path}"]`;
    if (/^contacts\[\d+\]\.party$/.test(path)) await page.selectOption(selector, String(value));
    else await page.fill(selector, String(value));
  }
}
