import { describe, expect, it } from 'vitest';
import {
  addDays,
  advance,
  type Lifecycle,
  lifecycleStatus,
  nextChange,
  startLifecycle,
  validUntil,
} from '../../shared/evaluation/lifecycle.js';

describe('validity', () => {
  it.each([
    ['2019-08-06', 5, '2024-08-05'],
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-28'],
    ['2023-03-01', 1, '2024-02-29'],
    ['2021-07-01', 2, '2023-06-30'],
    ['2020-01-01', 30, '2049-12-31'],
  ])('from %s for %i years ends on %s', (from, years, until) => {
    expect(validUntil(from, years)).toBe(until);
  });

  it('adds days across leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('lifecycle by date (frozen clock)', () => {
  const mou = { validFrom: '2024-02-29', validUntil: validUntil('2024-02-29', 2) };

  it.each([
    ['2024-02-28', 'signed'],
    ['2024-02-29', 'active'],
    ['2025-09-01', 'active'],
    ['2025-09-02', 'expiring'],
    ['2026-02-28', 'expiring'],
    ['2026-03-01', 'expired'],
  ])('on %s a MoU in force from a leap day for two years is %s', (today, status) => {
    expect(mou.validUntil).toBe('2026-02-28');
    expect(lifecycleStatus(mou, today)).toBe(status);
  });

  it('takes effect on the signing day when the form says so, and never expires without an end', () => {
    const loi = { validFrom: '2026-11-24' };
    expect(lifecycleStatus(loi, '2026-11-23')).toBe('signed');
    expect(lifecycleStatus(loi, '2026-11-24')).toBe('active');
    expect(lifecycleStatus(loi, '2099-01-01')).toBe('active');
    expect(nextChange(loi, '2026-11-24')).toBeUndefined();
  });

  it('ends early on termination', () => {
    const terminated = { ...mou, terminatedOn: '2025-01-15' };
    expect(lifecycleStatus(terminated, '2025-01-14')).toBe('active');
    expect(lifecycleStatus(terminated, '2025-01-15')).toBe('terminated');
  });

  it('names the next day the status changes, which is exactly when it does', () => {
    let today = '2024-01-01';
    const seen: string[] = [];
    for (let next = nextChange(mou, today); next; next = nextChange(mou, today)) {
      expect(lifecycleStatus(mou, addDays(next, -1))).not.toBe(lifecycleStatus(mou, next));
      today = next;
      seen.push(`${next}:${lifecycleStatus(mou, next)}`);
    }
    expect(seen).toEqual(['2024-02-29:active', '2025-09-02:expiring', '2026-03-01:expired']);
  });
});

describe('the daily job walking a lifecycle (frozen clock)', () => {
  const start = (
    record: { documentType: string; signedAt: string; validFrom: string; validUntil?: string },
    today: string,
  ) => startLifecycle({ ...record, file: { sha256: 'a'.repeat(64) } }, today);

  /** Runs the job on every due day until nothing is left; returns what each run did. */
  function walk(lifecycle: Lifecycle, isOpenLoi: boolean) {
    const runs: string[] = [];
    let l = lifecycle;
    while (l.nextDue) {
      const today = l.nextDue;
      const next = advance(l, isOpenLoi, today);
      runs.push(`${today}:${next.status}${next.remind.length ? `:${next.remind.join('+')}` : ''}`);
      // A second run on the same day finds nothing due and sends nothing.
      expect(advance(next.lifecycle, isOpenLoi, today).remind).toEqual([]);
      l = next.lifecycle;
    }
    return runs;
  }

  it('moves a MoU from a leap day through its windows and reminds at 180 and 90 days, once each', () => {
    const { status, lifecycle } = start(
      {
        documentType: 'MOU',
        signedAt: '2024-02-29',
        validFrom: '2024-02-29',
        validUntil: validUntil('2024-02-29', 2),
      },
      '2024-02-28',
    );
    expect(status).toBe('signed');
    expect(walk(lifecycle, false)).toEqual([
      '2024-02-29:active',
      '2025-09-02:expiring:expiry-180',
      '2025-12-01:expiring:expiry-90',
      '2026-03-01:expired',
    ]);
  });

  it('reminds once about an LoI that has gone a year without an MoU, on its anniversary', () => {
    const { status, lifecycle } = start(
      { documentType: 'LOI', signedAt: '2024-02-29', validFrom: '2024-02-29' },
      '2024-02-29',
    );
    expect(status).toBe('active');
    expect(walk(lifecycle, true)).toEqual(['2025-03-01:active:loi-12-months']);
    // Followed by an MoU meanwhile: the job looks once on the anniversary and sends nothing.
    expect(walk(lifecycle, false)).toEqual(['2025-03-01:active']);
  });

  it('sends only the nearest window to an agreement archived inside both, and nothing once it has expired', () => {
    const record = {
      documentType: 'MOU',
      signedAt: '2021-01-10',
      validFrom: '2021-01-10',
      validUntil: '2026-01-09',
    };
    const late = start(record, '2025-12-01');
    expect(late.status).toBe('expiring');
    expect(late.lifecycle.nextDue).toBe('2025-12-01');
    expect(advance(late.lifecycle, false, '2025-12-01').remind).toEqual(['expiry-90']);
    const expired = start(record, '2026-02-01');
    expect(expired.status).toBe('expired');
    expect(expired.lifecycle.nextDue).toBeUndefined();
  });

  it('takes effect on signing: the validity counts from the signing date', () => {
    const { status, lifecycle } = start(
      {
        documentType: 'PKS',
        signedAt: '2026-11-24',
        validFrom: '2026-11-24',
        validUntil: validUntil('2026-11-24', 1),
      },
      '2026-11-24',
    );
    expect(status).toBe('active');
    expect(lifecycle.validUntil).toBe('2027-11-23');
    expect(lifecycle.nextDue).toBe('2027-05-28');
  });
});
