import type { Agreement } from '../agreement/agreement.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { say } from '../form/messages.js';
import { parse } from '../form/parse.js';
import type { Identity } from '../identity/identity.js';
import type { Page } from '../ports/page.js';
import type { UnitRegistry } from '../ports/units.js';
import { canonicalJson } from '../workflow/audit.js';
import { requireAdmin } from './authorize.js';
import { type AdminDeps, recordAdminChange } from './record-admin-change.js';
import { type Unit, type UnitName, unitCreateSchema, unitListQuerySchema, unitPatchSchema } from './unit.js';

export interface UnitDeps extends AdminDeps {
  regionId: string;
  units: UnitRegistry;
  /** The unit's agreements still being drafted, routed or signed (at most `limit`). */
  inProgress(unit: string, limit: number): Promise<Agreement[]>;
}

/** A deactivation refused names this many of the agreements in its way. */
const LISTED = 50;

/** The region's unit registry, administered: list, create, rename, change the head, (de)activate. */
export class UnitAdmin {
  constructor(private readonly deps: UnitDeps) {}

  /** GET /api/admin/units: every unit, active ones only unless asked, filtered by `q`. */
  list(user: Identity, query: unknown): Promise<Page<Unit>> {
    requireAdmin(user);
    const { q, includeInactive, cursor, limit } = parse(unitListQuerySchema, query);
    return this.deps.units.page(this.deps.regionId, { ...(q ? { q } : {}), includeInactive }, limit, cursor);
  }

  /** GET /api/units: the active units' codes and names, for every signed-in user. */
  async names(query: unknown): Promise<Page<UnitName>> {
    const { q, cursor, limit } = parse(unitListQuerySchema.omit({ includeInactive: true }), query);
    const page = await this.deps.units.page(
      this.deps.regionId,
      { ...(q ? { q } : {}), includeInactive: false },
      limit,
      cursor,
    );
    return { ...page, items: page.items.map(({ code, name, active }) => ({ code, name, active })) };
  }

  /** POST /api/admin/units: a new unit; a code the region already has is a 409 naming it. */
  create(user: Identity, body: unknown): Promise<Unit> {
    requireAdmin(user);
    const input = parse(unitCreateSchema, body);
    return recordAdminChange(this.deps, {
      regionId: this.deps.regionId,
      actor: user,
      decide: async (at) => {
        const existing = await this.deps.units.get(this.deps.regionId, input.code);
        if (existing) {
          throw new ConflictError(
            say(
              `Kode unit "${input.code}" sudah dipakai oleh ${existing.name.id}${existing.active ? '' : ' (nonaktif)'}`,
              `The unit code "${input.code}" is already used by ${existing.name.en}${existing.active ? '' : ' (inactive)'}`,
            ),
            { code: input.code },
          );
        }
        const unit: Unit = {
          code: input.code,
          name: input.name,
          ...(input.head ? { head: input.head } : {}),
          active: true,
          createdAt: at,
          updatedAt: at,
        };
        return {
          action: 'unit.create',
          target: { kind: 'unit', id: unit.code },
          after: unit,
          writes: [this.deps.units.createWrite(this.deps.regionId, unit)],
          result: unit,
        };
      },
    });
  }

  /**
   * PATCH /api/admin/units/{code}. Deactivating a unit whose agreements are still in progress is a
   * 409 listing them: they would be left with nobody to draft or endorse them. Agreements keep the
   * unit's name they were drafted with; a rename changes only what later versions say.
   */
  update(user: Identity, code: string, body: unknown): Promise<Unit> {
    requireAdmin(user);
    const patch = parse(unitPatchSchema, body);
    return recordAdminChange(this.deps, {
      regionId: this.deps.regionId,
      actor: user,
      decide: async (at) => {
        const current = await this.deps.units.get(this.deps.regionId, code);
        if (!current) throw new NotFoundError(`Unit ${code}`);
        const { head: _, ...rest } = current;
        const next: Unit = {
          ...(patch.head === null ? rest : current),
          ...(patch.name ? { name: patch.name } : {}),
          ...(patch.head ? { head: patch.head } : {}),
          ...(patch.active === undefined ? {} : { active: patch.active }),
          updatedAt: current.updatedAt,
        };
        if (canonicalJson(next) === canonicalJson(current)) return { unchanged: true, result: current };
        if (current.active && !next.active) await this.mustHaveNothingInProgress(code);
        next.updatedAt = at;
        return {
          action:
            current.active === next.active
              ? 'unit.update'
              : next.active
                ? 'unit.reactivate'
                : 'unit.deactivate',
          target: { kind: 'unit', id: code },
          before: current,
          after: next,
          writes: [this.deps.units.updateWrite(this.deps.regionId, next, current)],
          result: next,
        };
      },
    });
  }

  private async mustHaveNothingInProgress(code: string) {
    const open = await this.deps.inProgress(code, LISTED);
    if (open.length === 0) return;
    throw new ConflictError(
      say(
        `Unit ${code} masih memiliki ${open.length === LISTED ? `${LISTED} atau lebih` : open.length} kerja sama yang sedang berjalan (draf, ditinjau atau menunggu tanda tangan): selesaikan, tarik atau alihkan dahulu`,
        `Unit ${code} still has ${open.length === LISTED ? `${LISTED} or more` : open.length} agreement(s) in progress (drafts, in review or awaiting signature): finish, withdraw or hand them over first`,
      ),
      { agreements: open.map((a) => ({ id: a.id, title: a.title, status: a.status })) },
    );
  }
}
