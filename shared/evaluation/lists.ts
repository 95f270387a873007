import * as z from 'zod';
import type { ArchiveRecord } from '../archive/archive-record.js';
import { addDays, addYears, EXPIRY_REMINDER_DAYS } from './lifecycle.js';

/**
 * The evaluation lists, each one range of one partition of the `evaluation` index. An archived
 * agreement has up to three entries there, kept by the writes that change them:
 *   VALIDITY  by last valid day: expiring and expired (removed on termination)
 *   OPEN      an LoI or MoU by signing date, until an agreement following it is archived
 *   ACTIVITY  by the end of the last accepted activity report (or the first valid day)
 * OPEN and ACTIVITY are about agreements in force: they go when it expires or is terminated.
 */
export const EVALUATION_LISTS = [
  'expiring-90',
  'expiring-180',
  'expired',
  'loi-without-mou',
  'mou-without-pks',
  'no-recent-activity',
] as const;
export type EvaluationList = (typeof EVALUATION_LISTS)[number];

export const evaluationListSchema = z.enum(EVALUATION_LISTS);

export type ListSlot = 'VALIDITY' | 'OPEN' | 'ACTIVITY';

export interface ListEntry {
  slot: ListSlot;
  partition: string;
  /** The date the list orders and ranges by. */
  date: string;
}

export const activityEntry = (date: string): ListEntry => ({ slot: 'ACTIVITY', partition: 'ACTIVITY', date });

/** The entries of a newly archived agreement; one already followed (archived late) is not open. */
export function listEntries(record: ArchiveRecord, followed = false): ListEntry[] {
  return [
    ...(record.validUntil
      ? [{ slot: 'VALIDITY' as const, partition: 'VALIDITY', date: record.validUntil }]
      : []),
    ...(record.documentType === 'PKS' || followed
      ? []
      : [{ slot: 'OPEN' as const, partition: `OPEN#${record.documentType}`, date: record.signedAt }]),
    activityEntry(record.validFrom),
  ];
}

/** One list as a query: a partition, an inclusive date range and an order. */
export interface ListPlan {
  partition: string;
  from?: string;
  to?: string;
  ascending: boolean;
}

export function planList(name: EvaluationList, today: string): ListPlan {
  const yearAgo = addYears(today, -1);
  switch (name) {
    case 'expiring-90':
      return {
        partition: 'VALIDITY',
        from: today,
        to: addDays(today, EXPIRY_REMINDER_DAYS[1] - 1),
        ascending: true,
      };
    case 'expiring-180':
      return {
        partition: 'VALIDITY',
        from: today,
        to: addDays(today, EXPIRY_REMINDER_DAYS[0] - 1),
        ascending: true,
      };
    case 'expired':
      return { partition: 'VALIDITY', to: addDays(today, -1), ascending: false };
    case 'loi-without-mou':
      return { partition: 'OPEN#LOI', to: yearAgo, ascending: true };
    case 'mou-without-pks':
      return { partition: 'OPEN#MOU', ascending: true };
    case 'no-recent-activity':
      return { partition: 'ACTIVITY', to: addDays(yearAgo, -1), ascending: true };
  }
}
