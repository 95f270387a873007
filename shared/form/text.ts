import * as z from 'zod';
import { say } from './messages.js';

/** Control characters other than tab and newline: they corrupt DOCX XML and are never intended. */
const CONTROL = /[^\P{Cc}\t\n\r]|[\uFFFE\uFFFF]/u;
/** Anything that looks like an HTML/XML tag or entity: form text is printed literally, never markup. */
const MARKUP = /<\s*\/?\s*[A-Za-z!?]|&(#\d+|#x[0-9a-f]+|[a-z]+);/i;

/** A trimmed, non-empty, literal text of at most `max` characters. */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !CONTROL.test(s), {
      params: say('tidak boleh berisi karakter kontrol', 'must not contain control characters'),
    })
    .refine((s) => !MARKUP.test(s), {
      params: say(
        'tidak boleh berisi markup (tag HTML atau entitas); tulis teks biasa',
        'must not contain markup (HTML tags or entities); write plain text',
      ),
    });

/**
 * Text in the document's languages: `{ id }` or `{ id, en }`. Whether `en` is required or forbidden
 * depends on the form's `languages`, which the form schema checks across the whole form.
 */
export const biText = (max: number) => z.object({ id: plainText(max), en: plainText(max).optional() });

export type BiTextInput = z.infer<ReturnType<typeof biText>>;

/** An ISO calendar date (YYYY-MM-DD) that exists: 2023-02-29 does not. */
export function isRealIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const isoDate = z.string().refine(isRealIsoDate, {
  params: say(
    'harus tanggal yang ada, dalam format TTTT-BB-HH (mis. 2025-08-17)',
    'must be a real date in the format YYYY-MM-DD (e.g. 2025-08-17)',
  ),
});
