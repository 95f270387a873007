import { describe, expect, it } from 'vitest';
import { type AuditEvent, canonicalJson, GENESIS, seal, verifyChain } from '../../shared/workflow/audit.js';

function chain(n: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let i = 0; i < n; i++) {
    events.push(
      seal(
        {
          agreementId: '01JAAAAAAAAAAAAAAAAAAAAAAA',
          at: `2026-01-0${i + 1}T00:00:00.000Z`,
          actor: { sub: 'u', name: 'Agus', role: 'biro_staff' },
          action: i === 0 ? 'create' : 'approve',
          version: 1,
          documentSha256: 'a'.repeat(64),
          toStatus: 'in_review',
        },
        events.at(-1),
      ),
    );
  }
  return events;
}

describe('the audit hash chain', () => {
  it('links each event to the one before from the genesis', () => {
    const events = chain(4);
    expect(events[0]?.prevHash).toBe(GENESIS);
    expect(events[2]?.prevHash).toBe(events[1]?.hash);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(verifyChain(events)).toEqual({ intact: true });
  });

  it('detects an edited comment, a removed event, a reordering and a re-sealed forgery', () => {
    const events = chain(4);
    const edited = events.map((e, i) => (i === 1 ? { ...e, comment: 'ditambahkan kemudian' } : e));
    expect(verifyChain(edited)).toEqual({ intact: false, brokenAt: 2 });
    expect(verifyChain([events[0], events[2], events[3]] as AuditEvent[]).intact).toBe(false);
    expect(verifyChain([events[1], events[0]] as AuditEvent[]).intact).toBe(false);
    // Re-sealing one event with a new hash does not help: the next event still points at the old one.
    const { hash: _, ...rest } = events[1] as AuditEvent;
    const forged = seal({ ...rest, actor: { sub: 'x', name: 'Mallory', role: 'sekda' } }, events[0]);
    expect(verifyChain([events[0], forged, events[2], events[3]] as AuditEvent[])).toEqual({
      intact: false,
      brokenAt: 3,
    });
  });

  it('hashes canonical JSON, independent of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"e":1,"f":2}]},"b":1}',
    );
  });
});
