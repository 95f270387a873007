import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Agreement } from '../../shared/agreement/agreement.js';
import { COUNTER_SHARDS, counterDelta, shardOf, summarise } from '../../shared/evaluation/counters.js';

const agreement = (over: Partial<Agreement> = {}): Agreement =>
  ({
    id: '01JAAAAAAAAAAAAAAAAAAAAAA1',
    documentType: 'MOU',
    category: 'KSDPL',
    status: 'draft',
    initiatingUnit: { code: 'DISPAR', name: 'Dinas Pariwisata' },
    title: { id: 'Kerja sama' },
    parties: [
      { name: { id: 'Provinsi Jawa Tengah' }, country: 'ID' },
      { name: { id: 'Queensland' }, country: 'AU' },
      { name: { id: 'Brisbane' }, country: 'AU' },
    ],
    fields: ['education', 'tourism'],
    currentVersion: 1,
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    workflow: { status: 'draft', approvals: [] },
    lastEvent: { seq: 1, hash: 'x' },
    ...over,
  }) as Agreement;

/** Counters as the store keeps them: the deltas of every write added up. */
function apply(deltas: ReturnType<typeof counterDelta>[]) {
  const stored = new Map<string, Record<string, number>>();
  for (const delta of deltas) {
    for (const [dimension, tally] of delta) {
      const counters = stored.get(dimension) ?? {};
      for (const [key, n] of tally) counters[key] = (counters[key] ?? 0) + n;
      stored.set(dimension, counters);
    }
  }
  return [...stored].map(([dimension, counters]) => ({ dimension, counters })) as Parameters<
    typeof summarise
  >[0];
}

describe('maintained counters', () => {
  it('count a new agreement once per dimension value, partner countries without the region', () => {
    const summary = summarise(apply([counterDelta(undefined, agreement())]));
    expect(summary.total).toBe(1);
    expect(summary.byStatus).toEqual({ draft: 1 });
    expect(summary.by.country).toEqual({ AU: { draft: 1, total: 1 } });
    expect(Object.keys(summary.by.field).sort()).toEqual(['education', 'tourism']);
    expect(summary.by.year).toEqual({ 2026: { draft: 1, total: 1 } });
  });

  it('move an agreement between statuses, and between years once it is signed', () => {
    const before = agreement();
    const after = agreement({
      status: 'active',
      lifecycle: { signedAt: '2027-01-05', validFrom: '2027-01-05', archivedSha256: 'a', settled: [] },
    });
    const delta = counterDelta(before, after);
    expect(delta.get('year')).toEqual(
      new Map([
        ['2026#draft', -1],
        ['2027#active', 1],
      ]),
    );
    expect(summarise(apply([counterDelta(undefined, before), delta]))).toMatchObject({
      total: 1,
      byStatus: { active: 1 },
      by: { year: { 2027: { active: 1, total: 1 } }, unit: { DISPAR: { active: 1, total: 1 } } },
    });
  });

  it('write nothing when nothing counted changes (a download, a comment)', () => {
    expect(counterDelta(agreement(), agreement({ updatedAt: '2026-04-01T00:00:00.000Z' })).size).toBe(0);
  });

  it('equal a recount after any sequence of writes', () => {
    const statuses = [
      'draft',
      'in_review',
      'ready_to_sign',
      'active',
      'expiring',
      'expired',
      'terminated',
    ] as const;
    const state = fc.record({
      status: fc.constantFrom(...statuses),
      documentType: fc.constantFrom('LOI', 'MOU', 'PKS'),
      unit: fc.constantFrom('DISPAR', 'DISDIK'),
      country: fc.constantFrom('AU', 'JP', 'ID'),
      fields: fc.subarray(['education', 'tourism', 'health'], { minLength: 1 }),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), state), { maxLength: 40 }), (writes) => {
        const current = new Map<number, Agreement>();
        const deltas = writes.map(([n, s]) => {
          const next = agreement({
            id: `01JAAAAAAAAAAAAAAAAAAAAAA${n}`,
            status: s.status,
            documentType: s.documentType,
            initiatingUnit: { code: s.unit, name: s.unit },
            parties: [
              { name: { id: 'Region' }, country: 'ID' },
              { name: { id: 'Partner' }, country: s.country },
            ],
            fields: s.fields,
          });
          const delta = counterDelta(current.get(n), next);
          current.set(n, next);
          return delta;
        });
        const recount = summarise(apply([...current.values()].map((a) => counterDelta(undefined, a))));
        expect(summarise(apply(deltas))).toEqual(recount);
      }),
    );
  });

  it('spread agreements over every shard', () => {
    const shards = new Set(
      Array.from({ length: 200 }, (_, i) => shardOf(`01JAAAAAAAAAAAAAAAAAAA${String(i).padStart(4, '0')}`)),
    );
    expect(shards.size).toBe(COUNTER_SHARDS);
  });
});
