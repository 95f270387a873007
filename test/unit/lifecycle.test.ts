import { describe, expect, it } from 'vitest';
import { addDays, lifecycleStatus, nextChange, validUntil } from '../../shared/evaluation/lifecycle.js';

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
