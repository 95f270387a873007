import * as z from 'zod';
import { isoDate, plainText } from '../form/text.js';

/**
 * Where a signed agreement stands in time. Pure: the caller passes today's date, so a frozen clock
 * tests every boundary (leap days included) and a daily job moves agreements along.
 */
export const LIFECYCLE_STATUSES = ['signed', 'active', 'expiring', 'expired', 'terminated'] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/**
 * POST /api/agreements/{id}/terminate: the day it ended early and why. Here, free of the service's
 * Node imports, so that the web app's form applies the very same schema.
 */
export const terminationSchema = z.object({
  on: isoDate,
  reason: plainText(2000),
});

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

/** The same day `years` later (from 29 February: 1 March in a common year). */
export const addYears = (from: string, years: number) => addDays(validUntil(from, years), 1);

/** Reminders the daily job sends, each once per agreement. */
export const REMINDER_KINDS = ['expiry-180', 'expiry-90', 'loi-12-months'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** An archived agreement's facts in time, kept on its head and moved along by the daily job. */
export interface Lifecycle extends Validity {
  /** The signing date (ISO date). */
  signedAt: string;
  /** SHA-256 of the archived signed copy, which every later audit event is about. */
  archivedSha256: string;
  /** The last day of the latest accepted activity report's period. */
  lastActivityOn?: string;
  /** Reminders sent, or no longer needed: none is sent twice. */
  settled: ReminderKind[];
  /** The next day the daily job has something to do for this agreement; absent when nothing is left. */
  nextDue?: string;
}

/** The day each reminder falls due; an LoI's only while no MoU follows it. */
function reminderDates(l: Lifecycle, isOpenLoi: boolean): [ReminderKind, string][] {
  const dates: [ReminderKind, string][] = [];
  if (l.validUntil) {
    dates.push(['expiry-180', addDays(l.validUntil, -(EXPIRY_REMINDER_DAYS[0] - 1))]);
    dates.push(['expiry-90', addDays(l.validUntil, -(EXPIRY_REMINDER_DAYS[1] - 1))]);
  }
  if (isOpenLoi) dates.push(['loi-12-months', addYears(l.signedAt, 1)]);
  return dates;
}

/** Whether a reminder still makes sense today: nobody is reminded about an agreement that has ended. */
function applies(kind: ReminderKind, status: LifecycleStatus): boolean {
  if (status === 'expired' || status === 'terminated') return false;
  return kind === 'loi-12-months' || status === 'expiring';
}

/** The day the job next has to look at `l`: a status change or a pending reminder (today when overdue). */
export function nextDue(
  l: Omit<Lifecycle, 'nextDue'>,
  isOpenLoi: boolean,
  today: string,
): string | undefined {
  const status = lifecycleStatus(l, today);
  const pending = reminderDates(l as Lifecycle, isOpenLoi)
    .filter(([kind]) => !l.settled.includes(kind))
    .filter(([kind, date]) => date > today || applies(kind, status))
    .map(([, date]) => (date < today ? today : date));
  const change = nextChange(l, today);
  return [...pending, ...(change ? [change] : [])].sort()[0];
}

/**
 * What the daily job does for `l` today: its status, the reminders to send (only the nearest expiry
 * window when both are due) and the lifecycle to store, with those reminders settled.
 */
export function advance(
  l: Lifecycle,
  isOpenLoi: boolean,
  today: string,
): { status: LifecycleStatus; remind: ReminderKind[]; lifecycle: Lifecycle } {
  const status = lifecycleStatus(l, today);
  const due = reminderDates(l, isOpenLoi).filter(
    ([kind, date]) => date <= today && !l.settled.includes(kind),
  );
  const remind = due
    .map(([kind]) => kind)
    .filter((kind) => applies(kind, status))
    .filter((kind, _, all) => !(kind === 'expiry-180' && all.includes('expiry-90')));
  const settled = [...l.settled, ...due.map(([kind]) => kind)];
  const { nextDue: _, ...rest } = l;
  const next = nextDue({ ...rest, settled }, isOpenLoi, today);
  const lifecycle: Lifecycle = { ...rest, settled, ...(next ? { nextDue: next } : {}) };
  return { status, remind, lifecycle };
}

/** The lifecycle an agreement starts when its signed copy is archived, and its status that day. */
export function startLifecycle(
  record: {
    documentType: string;
    signedAt: string;
    validFrom: string;
    validUntil?: string;
    file: { sha256: string };
  },
  today: string,
): { status: LifecycleStatus; lifecycle: Lifecycle } {
  const base = {
    signedAt: record.signedAt,
    archivedSha256: record.file.sha256,
    validFrom: record.validFrom,
    ...(record.validUntil ? { validUntil: record.validUntil } : {}),
    settled: [],
  };
  const next = nextDue(base, record.documentType === 'LOI', today);
  return { status: lifecycleStatus(base, today), lifecycle: { ...base, ...(next ? { nextDue: next } : {}) } };
}
