import * as z from 'zod';
import { regionDay } from '../calendar.js';
import { ForbiddenError } from '../errors.js';
import { type Bilingual, say } from '../form/messages.js';
import { pageFields } from '../form/paging.js';
import { parse } from '../form/parse.js';
import { type Identity, ROLE_NAMES, type Role } from '../identity/identity.js';
import type { Clock } from '../ports/clock.js';
import type { Page } from '../ports/page.js';
import type { RegisterStore } from '../ports/register.js';
import type { RegisterEntry } from './entry.js';

/** Who reads the register book: the Biro that keeps it, admins and evaluators. */
const READERS: readonly Role[] = ['biro_staff', 'biro_head', 'admin', 'evaluator'];

export const registerYearSchema = z.coerce.number().int().min(2000).max(2999);

export const registerQuerySchema = z.object({
  ...pageFields(),
  year: registerYearSchema.optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});

/** A 403 unless `user` holds one of `roles`; `what` says what they are for. */
export function mustHoldRole(
  user: Pick<Identity, 'role'>,
  roles: readonly Role[],
  what: (names: string, lang: 'id' | 'en') => string,
): void {
  if (roles.includes(user.role)) return;
  const names = (lang: 'id' | 'en') => roles.map((r) => ROLE_NAMES[r][lang]).join(', ');
  const text: Bilingual = say(what(names('id'), 'id'), what(names('en'), 'en'));
  throw new ForbiddenError(text, { allowedRoles: roles });
}

const mustRead = (user: Pick<Identity, 'role'>) =>
  mustHoldRole(user, READERS, (names, lang) =>
    lang === 'id' ? `Buku register hanya untuk ${names}` : `The register book is for ${names} only`,
  );

/** GET /api/register: the region's register book, a page at a time or as a workbook. */
export class RegisterBook {
  constructor(private readonly deps: { register: RegisterStore; regionId: string; clock: Clock }) {}

  /** `?year=&cursor=&limit=` (the current year by default), in sequence order. */
  async page(user: Pick<Identity, 'role'>, query: unknown): Promise<Page<RegisterEntry> & { year: number }> {
    mustRead(user);
    const q = parse(registerQuerySchema, query);
    const year = q.year ?? this.thisYear();
    return { year, ...(await this.deps.register.page(this.deps.regionId, year, q.limit, q.cursor)) };
  }

  /** `?year=&format=xlsx`: the year's whole book as a workbook. */
  async workbook(user: Pick<Identity, 'role'>, query: unknown): Promise<{ year: number; bytes: Uint8Array }> {
    mustRead(user);
    const year = parse(registerQuerySchema, query).year ?? this.thisYear();
    const entries: RegisterEntry[] = [];
    await this.deps.register.entries(this.deps.regionId, year, (page) => {
      entries.push(...page);
    });
    const { registerWorkbook } = await import('./register-xlsx.js');
    return { year, bytes: await registerWorkbook(year, entries, this.deps.clock.now().toISOString()) };
  }

  private thisYear = () => Number(regionDay(this.deps.clock.now()).slice(0, 4));
}
