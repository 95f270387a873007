import { createHash } from 'node:crypto';
import type { Agreement } from '../agreement/agreement.js';

/**
 * The dashboard's counts, maintained with every write of an agreement instead of recounted: each
 * agreement adds one to a counter per dimension value, keyed by its status. A write moves it from
 * the counters of its old state to those of its new state, in the same transaction.
 */
export const DIMENSIONS = ['type', 'category', 'country', 'field', 'unit', 'year'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * Counters are spread over shards (by agreement id) so that agreements changing at the same moment
 * rarely write the same item; the summary adds the shards up.
 */
export const COUNTER_SHARDS = 8;

export const shardOf = (agreementId: string) =>
  createHash('sha1').update(agreementId).digest().readUInt8(0) % COUNTER_SHARDS;

/** `value#status` counters of one dimension. */
export type Tally = Map<string, number>;
export type CounterDelta = Map<Dimension, Tally>;

/** The year an agreement counts in: when it was signed, else when it was drafted. */
export const yearOf = (a: Agreement) => (a.lifecycle?.signedAt ?? a.createdAt).slice(0, 4);

function valuesOf(a: Agreement): Record<Dimension, string[]> {
  return {
    type: [a.documentType],
    category: [a.category],
    country: [...new Set(a.parties.slice(1).map((p) => p.country))],
    field: [...new Set(a.fields)],
    unit: [a.initiatingUnit.code],
    year: [yearOf(a)],
  };
}

/** What a write changes in the counters; agreements absent before (created) or after count as nothing. */
export function counterDelta(before: Agreement | undefined, after: Agreement | undefined): CounterDelta {
  const delta: CounterDelta = new Map();
  const apply = (a: Agreement | undefined, sign: 1 | -1) => {
    if (!a) return;
    const values = valuesOf(a);
    for (const dimension of DIMENSIONS) {
      const tally = delta.get(dimension) ?? new Map<string, number>();
      for (const value of values[dimension]) {
        const key = `${value}#${a.status}`;
        tally.set(key, (tally.get(key) ?? 0) + sign);
      }
      delta.set(dimension, tally);
    }
  };
  apply(before, -1);
  apply(after, 1);
  for (const [dimension, tally] of delta) {
    for (const [key, n] of tally) if (n === 0) tally.delete(key);
    if (tally.size === 0) delta.delete(dimension);
  }
  return delta;
}

/** Counts of one dimension value: per status, and their total. */
export type StatusCounts = Record<string, number> & { total: number };

export interface EvaluationSummary {
  total: number;
  byStatus: Record<string, number>;
  by: Record<Dimension, Record<string, StatusCounts>>;
}

/** Adds up the stored shards of every dimension into the dashboard's summary. */
export function summarise(
  shards: { dimension: Dimension; counters: Record<string, number> }[],
): EvaluationSummary {
  const by = Object.fromEntries(DIMENSIONS.map((d) => [d, {}])) as EvaluationSummary['by'];
  for (const { dimension, counters } of shards) {
    for (const [key, n] of Object.entries(counters)) {
      if (!n) continue;
      const cut = key.lastIndexOf('#');
      const value = key.slice(0, cut);
      const status = key.slice(cut + 1);
      by[dimension][value] ??= { total: 0 } as StatusCounts;
      const counts = by[dimension][value];
      counts[status] = (counts[status] ?? 0) + n;
      counts.total += n;
    }
  }
  for (const dimension of DIMENSIONS) {
    for (const [value, counts] of Object.entries(by[dimension])) {
      if (counts.total === 0) delete by[dimension][value];
      else for (const [s, n] of Object.entries(counts)) if (n === 0) delete counts[s];
    }
  }
  // Every agreement has exactly one type, so the type counters give the totals by status.
  const byStatus: Record<string, number> = {};
  for (const counts of Object.values(by.type)) {
    for (const [status, n] of Object.entries(counts))
      if (status !== 'total') byStatus[status] = (byStatus[status] ?? 0) + n;
  }
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { total, byStatus, by };
}
