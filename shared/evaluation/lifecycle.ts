/**
 * Where a signed agreement stands in time. Pure: the caller passes today's date, so a frozen clock
 * tests every boundary (leap days included) and a daily job moves agreements along.
 */
export const LIFECYCLE_STATUSES = ['signed', 'active', 'expiring', 'expired', 'terminated'] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/** An agreement is "expiring" within this many days of its last valid day; reminders also fire at 90. */
export const EXPIRY_WINDOW_DAYS = 180;
export const EXPIRY_REMINDER_DAYS = [180, 90] as const;

export interface Validity {
  /** First day in force (ISO date). */
  validFrom: string;
  /** Last day in force (ISO date); absent when the agreement has no end (an LoI without duration). */
  validUntil?: string;
  /** Day a termination took effect, if any. */
  terminatedOn?: string;
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

export function addDays(iso: string, days: number): string {
  return new Date((dayNumber(iso) + days) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The last valid day of an agreement in force from `from` for `years` years: the day before the
 * anniversary. From a 29 February the anniversary in a common year is 1 March, so the last day is
 * 28 February.
 */
export function validUntil(from: string, years: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const anniversary = new Date(Date.UTC(y + years, m - 1, d));
  // Date.UTC rolls 29 February into 1 March in common years, which is the anniversary we want.
  return addDays(anniversary.toISOString().slice(0, 10), -1);
}

export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

export function lifecycleStatus(v: Validity, today: string): LifecycleStatus {
  if (v.terminatedOn && v.terminatedOn <= today) return 'terminated';
  if (today < v.validFrom) return 'signed';
  if (!v.validUntil) return 'active';
  if (today > v.validUntil) return 'expired';
  return daysBetween(today, v.validUntil) < EXPIRY_WINDOW_DAYS ? 'expiring' : 'active';
}

/** The next day on which `lifecycleStatus` changes, for the daily job's index; none once final. */
export function nextChange(v: Validity, today: string): string | undefined {
  const candidates = [
    v.validFrom,
    v.validUntil && addDays(v.validUntil, -(EXPIRY_WINDOW_DAYS - 1)),
    v.validUntil && addDays(v.validUntil, 1),
    v.terminatedOn,
  ].filter((d): d is string => Boolean(d) && (d as string) > today);
  return candidates.sort()[0];
}
