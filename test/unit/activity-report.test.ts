import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../shared/errors.js';
import { activityReportSchema, checkActivityReport } from '../../shared/evaluation/activity-report.js';
import type { Identity } from '../../shared/identity/identity.js';

const user = (username: string) => DEMO_USERS.find((u) => u.username === username) as Identity;

const report = (overrides: Record<string, unknown> = {}) =>
  activityReportSchema.parse({
    period: { from: '2026-01-01', to: '2026-06-30' },
    activities: ['Pelatihan 120 guru SMA di Serang'],
    outcomes: 'Kompetensi pedagogik meningkat',
    benefits: 'Guru menerapkan metode baru',
    budgetUsed: { amount: 250_000_000, currency: 'IDR' },
    ...overrides,
  });

const check = (overrides: Partial<Parameters<typeof checkActivityReport>[0]> = {}) =>
  checkActivityReport({
    report: report(),
    agreement: { status: 'active', initiatingUnit: { code: 'DISDIK', name: 'Dinas Pendidikan' } },
    user: user('disdik.penyusun'),
    reported: [],
    today: '2026-11-24',
    ...overrides,
  });

describe('activity reports', () => {
  it('accepts a report of the initiating OPD for an agreement in force', () => {
    expect(() => check()).not.toThrow();
    expect(() => check({ user: user('disdik.kepala') })).not.toThrow();
  });

  it('refuses another OPD and readers', () => {
    expect(() => check({ user: user('dispar.penyusun') })).toThrow(ForbiddenError);
    expect(() => check({ user: user('evaluator') })).toThrow(ForbiddenError);
  });

  it('refuses an agreement that is not in force', () => {
    for (const status of ['draft', 'signed', 'expired', 'terminated'] as const) {
      expect(() => check({ agreement: { status, initiatingUnit: { code: 'DISDIK', name: 'x' } } })).toThrow(
        ConflictError,
      );
    }
  });

  it('refuses a period in the future and one overlapping a reported period', () => {
    expect(() => check({ report: report({ period: { from: '2026-07-01', to: '2026-12-31' } }) })).toThrow(
      ValidationError,
    );
    expect(() => check({ reported: [{ from: '2026-06-01', to: '2026-09-30' }] })).toThrow(
      /overlaps the report for 2026-06-01/,
    );
  });

  it('refuses attachments of other types and a period that ends before it starts', () => {
    const exe = activityReportSchema.safeParse({
      period: { from: '2026-01-01', to: '2026-06-30' },
      activities: ['x'],
      outcomes: 'y',
      benefits: 'z',
      attachments: [{ name: 'setup.exe', contentType: 'application/x-msdownload', size: 100 }],
    });
    expect(exe.success).toBe(false);
    const backwards = activityReportSchema.safeParse({
      period: { from: '2026-06-30', to: '2026-01-01' },
      activities: ['x'],
      outcomes: 'y',
      benefits: 'z',
    });
    expect(backwards.success).toBe(false);
    expect(
      report({ attachments: [{ name: 'foto.jpg', contentType: 'image/jpeg', size: 2048 }] }).attachments,
    ).toHaveLength(1);
  });

  it('names a missing or impossible date instead of failing on it', () => {
    for (const period of [
      { from: '', to: '2026-06-30' },
      { from: '2026-02-30', to: '2026-06-30' },
    ]) {
      const parsed = activityReportSchema.safeParse({
        period,
        activities: ['x'],
        outcomes: 'y',
        benefits: 'z',
      });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['period.from']);
    }
  });
});
