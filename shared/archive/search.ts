import * as z from 'zod';
import { CATEGORIES, DOCUMENT_TYPES, FIELD_CODES, UNIT_CODE } from '../form/agreement-form.js';
import { pageFields } from '../form/paging.js';
import { isoDate } from '../form/text.js';
import { idSchema } from '../ids.js';
import { nameTokens } from './archive-record.js';

export const ARCHIVE_STATUSES = ['signed', 'active', 'expired'] as const;

/** GET /api/archive: every filter optional, newest signing first unless `order=asc`. */
export const archiveQuerySchema = z.object({
  q: z.string().trim().min(3).max(100).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  documentType: z.enum(DOCUMENT_TYPES).optional(),
  category: z.enum(CATEGORIES).optional(),
  field: z.enum(FIELD_CODES).optional(),
  unit: z.string().regex(UNIT_CODE).optional(),
  status: z.enum(ARCHIVE_STATUSES).optional(),
  signedFrom: isoDate.optional(),
  signedTo: isoDate.optional(),
  validUntilFrom: isoDate.optional(),
  validUntilTo: isoDate.optional(),
  /** What follows an LoI or MoU: its MoUs or PKSs. */
  parent: idSchema.optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
  ...pageFields(),
});

export type ArchiveQuery = z.infer<typeof archiveQuerySchema>;

/** How a search runs: one index partition, a signing-date range, and the remaining conditions. */
export interface ArchivePlan {
  facet: string;
  signedFrom?: string;
  signedTo?: string;
  /** Attribute conditions for the filter expression. */
  equals: [string, string][];
  contains: [string, string][];
  validUntilFrom?: string;
  validUntilTo?: string;
  /** Today, for the derived status (active, expired). */
  status?: { value: (typeof ARCHIVE_STATUSES)[number]; today: string };
  ascending: boolean;
  limit: number;
  cursor?: string;
}

/** Starts from the most selective facet the query names; the rest become filters. */
export function planArchiveSearch(query: ArchiveQuery, today: string): ArchivePlan {
  const tokens = query.q ? nameTokens(query.q) : [];
  const candidates: [string | undefined, () => void][] = [];
  const equals: [string, string][] = [];
  const contains: [string, string][] = [];
  const [firstToken, ...otherTokens] = tokens;
  candidates.push([
    query.parent && `PARENT#${query.parent}`,
    () => query.parent && equals.push(['parentId', query.parent]),
  ]);
  candidates.push([
    firstToken && `NAME#${firstToken}`,
    () => firstToken && contains.push(['nameTokens', firstToken]),
  ]);
  candidates.push([
    query.country && `COUNTRY#${query.country}`,
    () => query.country && contains.push(['countries', query.country]),
  ]);
  candidates.push([
    query.field && `FIELD#${query.field}`,
    () => query.field && contains.push(['fields', query.field]),
  ]);
  candidates.push([
    query.unit && `UNIT#${query.unit}`,
    () => query.unit && equals.push(['unitCode', query.unit]),
  ]);
  candidates.push([
    query.category && `CATEGORY#${query.category}`,
    () => query.category && equals.push(['category', query.category]),
  ]);
  candidates.push([
    query.documentType && `TYPE#${query.documentType}`,
    () => query.documentType && equals.push(['documentType', query.documentType]),
  ]);
  const chosen = candidates.find(([facet]) => facet !== undefined);
  for (const candidate of candidates) if (candidate !== chosen) candidate[1]();
  for (const token of otherTokens) contains.push(['nameTokens', token]);
  return {
    facet: chosen?.[0] ?? 'ALL',
    ...(query.signedFrom ? { signedFrom: query.signedFrom } : {}),
    ...(query.signedTo ? { signedTo: query.signedTo } : {}),
    equals,
    contains,
    ...(query.validUntilFrom ? { validUntilFrom: query.validUntilFrom } : {}),
    ...(query.validUntilTo ? { validUntilTo: query.validUntilTo } : {}),
    ...(query.status ? { status: { value: query.status, today } } : {}),
    ascending: query.order === 'asc',
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  };
}
