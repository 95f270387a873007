import * as z from 'zod';
import { say } from '../form/messages.js';

/** A reporting period: a year ("2026") or a semester ("2026-S1", "2026-S2"). */
export interface Period {
  label: string;
  /** First and last day, ISO dates. */
  from: string;
  to: string;
}

export function parsePeriod(label: string): Period | undefined {
  const m = /^(\d{4})(?:-S([12]))?$/.exec(label);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return undefined;
  if (!m[2]) return { label, from: `${year}-01-01`, to: `${year}-12-31` };
  return m[2] === '1'
    ? { label, from: `${year}-01-01`, to: `${year}-06-30` }
    : { label, from: `${year}-07-01`, to: `${year}-12-31` };
}

export const periodSchema = z
  .string()
  .refine((s) => parsePeriod(s) !== undefined, {
    params: say(
      'harus tahun (2026) atau semester (2026-S1, 2026-S2) antara 2000 dan 2100',
      'must be a year (2026) or a semester (2026-S1, 2026-S2) between 2000 and 2100',
    ),
  })
  .transform((s) => parsePeriod(s) as Period);

/** POST /api/reports: here rather than in the service so that the web app's form applies it too. */
export const reportRequestSchema = z.object({ period: periodSchema });

/** Whether two periods share at least one day. */
export const overlaps = (a: Pick<Period, 'from' | 'to'>, b: Pick<Period, 'from' | 'to'>) =>
  a.from <= b.to && b.from <= a.to;
