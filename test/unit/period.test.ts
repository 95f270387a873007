import { describe, expect, it } from 'vitest';
import { overlaps, parsePeriod, periodSchema } from '../../shared/evaluation/period.js';

describe('reporting periods', () => {
  it.each([
    ['2026', '2026-01-01', '2026-12-31'],
    ['2026-S1', '2026-01-01', '2026-06-30'],
    ['2024-S2', '2024-07-01', '2024-12-31'],
  ])('%s runs from %s to %s', (label, from, to) => {
    expect(parsePeriod(label)).toEqual({ label, from, to });
  });

  it.each(['26', '2026-S3', '2026-s1', '1999', '2101', '2026-H1', ''])('refuses %j', (label) => {
    expect(parsePeriod(label)).toBeUndefined();
    const parsed = periodSchema.safeParse(label);
    expect(parsed.success).toBe(false);
  });

  it('tells overlapping periods apart, a shared last day included', () => {
    const s1 = parsePeriod('2026-S1');
    const s2 = parsePeriod('2026-S2');
    const year = parsePeriod('2026');
    if (!s1 || !s2 || !year) throw new Error('periods');
    expect(overlaps(s1, s2)).toBe(false);
    expect(overlaps(s1, year)).toBe(true);
    expect(overlaps({ from: '2026-01-01', to: '2026-03-31' }, { from: '2026-03-31', to: '2026-05-01' })).toBe(
      true,
    );
  });
});
