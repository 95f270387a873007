import * as z from 'zod';
import { regionDay } from '../calendar.js';
import { DOCUMENT_TYPES, type DocumentType } from '../form/agreement-form.js';
import { say } from '../form/messages.js';

/** A code or a word of a number: letters, digits, dots and hyphens (never a separator). */
const segment = z
  .string()
  .trim()
  .refine((s) => /^[\p{L}\p{N}][\p{L}\p{N}.-]{0,29}$/u.test(s), {
    params: say(
      '1–30 huruf, angka, titik atau tanda hubung, diawali huruf atau angka',
      '1–30 letters, digits, dots or hyphens, starting with a letter or digit',
    ),
  });

/**
 * One part of a register number: the archive classification code (e.g. 119), literal text, the
 * running sequence (zero-padded), the initiating unit's code, the bureau's code, the year, or the
 * month in Roman numerals.
 */
export const registerPartSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('classification'), value: segment }).strict(),
  z.object({ kind: z.literal('text'), value: segment }).strict(),
  z.object({ kind: z.literal('sequence'), padding: z.number().int().min(1).max(6) }).strict(),
  z.object({ kind: z.literal('unit') }).strict(),
  z.object({ kind: z.literal('bureau'), value: segment }).strict(),
  z.object({ kind: z.literal('year') }).strict(),
  z.object({ kind: z.literal('romanMonth') }).strict(),
]);
export type RegisterPart = z.infer<typeof registerPartSchema>;

export const ASSIGN_STEPS = ['biro_approval', 'signing'] as const;
export type AssignStep = (typeof ASSIGN_STEPS)[number];

/** PUT /api/admin/register-formats/{documentType}: how a document type's numbers are built, and when. */
export const registerFormatSchema = z
  .object({
    parts: z.array(registerPartSchema).min(2).max(10),
    separator: z.enum(['/', '.', '-']),
    /** `biro_approval`: when the Biro head's review completes; `signing`: at the first signature. */
    assignAt: z.enum(ASSIGN_STEPS),
  })
  .strict()
  .superRefine(({ parts, separator }, ctx) => {
    // The sequence runs per year: only both together make a number the register never gives twice.
    for (const kind of ['sequence', 'year'] as const) {
      const n = parts.filter((p) => p.kind === kind).length;
      if (n !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['parts'],
          message: `exactly one ${kind} part`,
          params: say(
            `harus memuat tepat satu bagian ${kind} (nomor urut dan tahun membuat nomor itu unik)`,
            `must hold exactly one ${kind} part (the sequence and the year make the number unique)`,
          ),
        });
      }
    }
    parts.forEach((part, i) => {
      if ('value' in part && part.value.includes(separator)) {
        ctx.addIssue({
          code: 'custom',
          path: ['parts', i, 'value'],
          message: 'contains the separator',
          params: say(
            `tidak boleh memuat pemisah "${separator}"`,
            `must not contain the separator "${separator}"`,
          ),
        });
      }
    });
  });
export type RegisterFormat = z.infer<typeof registerFormatSchema>;

/** A format as the register keeps it: who set it, when; `default` when none was configured. */
export type StoredFormat = RegisterFormat & { documentType: DocumentType } & (
    | { updatedAt: string; updatedBy: string }
    | { default: true }
  );

export const documentTypeParamSchema = z.object({ documentType: z.enum(DOCUMENT_TYPES) });

const TYPE_TEXT: Record<DocumentType, string> = { LOI: 'LoI', MOU: 'MoU', PKS: 'PKS' };

/**
 * The formats in force when an admin configured none, after the register of the sample MoU
 * (`119/0042/KS/2019`): classification 119 (cooperation), a four-digit sequence, the type, then the
 * bureau's code KS for LoIs and MoUs (the region's own) or the initiating unit's code for a PKS
 * (an OPD carries it out), and the year; assigned at the Biro head's approval so that the Sekda
 * initials and the head signs the numbered text.
 */
export function defaultFormat(documentType: DocumentType): StoredFormat {
  return {
    documentType,
    parts: [
      { kind: 'classification', value: '119' },
      { kind: 'sequence', padding: 4 },
      { kind: 'text', value: TYPE_TEXT[documentType] },
      documentType === 'PKS' ? { kind: 'unit' } : { kind: 'bureau', value: 'KS' },
      { kind: 'year' },
    ],
    separator: '/',
    assignAt: 'biro_approval',
    default: true,
  };
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'] as const;

/** The register year a number assigned at `at` belongs to (WIB). */
export const registerYear = (at: string): number => Number(regionDay(at).slice(0, 4));

/** The number `format` makes for `sequence`, assigned at `at` to an agreement of `unit`. */
export function formatNumber(format: RegisterFormat, sequence: number, unit: string, at: string): string {
  const day = regionDay(at);
  return format.parts
    .map((part) => {
      if ('value' in part) return part.value;
      if (part.kind === 'sequence') return String(sequence).padStart(part.padding, '0');
      if (part.kind === 'unit') return unit;
      if (part.kind === 'year') return day.slice(0, 4);
      return ROMAN[Number(day.slice(5, 7)) - 1] as string;
    })
    .join(format.separator);
}
