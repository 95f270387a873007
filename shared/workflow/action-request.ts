import * as z from 'zod';
import { articleKey } from '../documents/article-key.js';
import { say } from '../form/messages.js';
import { plainText } from '../form/text.js';
import { ACTIONS } from './state-machine.js';

/** The largest letter accepted inline with an action (base64 inflates it by a third within Lambda's 6 MB). */
export const MAX_LETTER_BYTES = 4 * 1024 * 1024;

/** POST /api/agreements/{id}/actions */
export const actionRequestSchema = z.object({
  action: z.enum(ACTIONS),
  /** The version the user read: acting on another one is refused. */
  version: z.number().int().min(1),
  comment: plainText(5000).optional(),
  /** The article key a comment is about, e.g. "scope". */
  article: articleKey.optional(),
  /** The central government's letter, required to complete a consultation step. */
  letter: z
    .object({
      name: z.string().refine((n) => /^[\w .()-]{1,100}\.pdf$/i.test(n), {
        params: say(
          'nama berkas surat harus berakhiran .pdf dan hanya berisi huruf, angka, spasi, titik, tanda kurung atau -',
          'the letter file name must end in .pdf and contain only letters, digits, spaces, dots, brackets or -',
        ),
      }),
      contentBase64: z
        .string()
        .min(1)
        .max(Math.ceil((MAX_LETTER_BYTES * 4) / 3) + 4),
    })
    .optional(),
});

export type ActionRequest = z.infer<typeof actionRequestSchema>;
