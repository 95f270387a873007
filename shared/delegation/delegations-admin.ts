import { ulid } from 'ulid';
import * as z from 'zod';
import { requireAdmin } from '../admin/authorize.js';
import { type AdminDeps, recordAdminChange } from '../admin/record-admin-change.js';
import { regionDay } from '../calendar.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { say } from '../form/messages.js';
import { parse } from '../form/parse.js';
import { isoDate, plainText } from '../form/text.js';
import type { Identity } from '../identity/identity.js';
import { isId } from '../ids.js';
import type { Delegations } from '../ports/delegations.js';
import type { UserStore } from '../ports/users.js';
import {
  type Delegation,
  type DelegationKind,
  delegationInputSchema,
  inForceOn,
  overlaps,
} from './delegation.js';

export interface DelegationAdminDeps {
  delegations: Delegations;
  /** Who the delegate is: an existing, enabled user of the region. */
  users: Pick<UserStore, 'get'>;
  admin: AdminDeps;
  regionId: string;
}

export const delegationQuerySchema = z.object({ activeOn: isoDate.optional() });
export const endDelegationSchema = z.object({ reason: plainText(500) }).strict();

/** Plt. and Plh. both act as the office's holder: one at a time. a.n. mandates: one at a time too. */
const group = (kind: DelegationKind) => (kind === 'an' ? 'an' : 'acting');

const KIND_NAMES: Record<DelegationKind, string> = { plt: 'Plt.', plh: 'Plh.', an: 'a.n.' };

/** The day before an ISO date. */
const dayBefore = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** GET|POST /api/admin/delegations, POST …/{id}/end: who acts for the head of region or the Sekda. */
export class DelegationAdmin {
  constructor(private readonly deps: DelegationAdminDeps) {}

  /** Every delegation (or those running on `activeOn`), earliest start first. */
  async list(user: Pick<Identity, 'role'>, query: unknown): Promise<{ items: Delegation[] }> {
    requireAdmin(user);
    const { activeOn } = parse(delegationQuerySchema, query);
    const all = await this.deps.delegations.all(this.deps.regionId);
    return { items: activeOn ? all.filter((d) => inForceOn(d, activeOn)) : all };
  }

  /**
   * A new delegation, recorded in the admin log. The delegate must be an enabled user of the region;
   * two Plt./Plh. periods of one office (or two a.n. mandates) may not share a day: a 409 names the
   * one already there.
   */
  async create(user: Identity, body: unknown): Promise<Delegation> {
    requireAdmin(user);
    const input = parse(delegationInputSchema, body);
    const delegate = await this.deps.users.get(this.deps.regionId, input.delegate);
    if (!delegate?.enabled) {
      throw new ValidationError([
        {
          path: 'delegate',
          message: delegate
            ? say(
                'pengguna ini dinonaktifkan: pilih pengguna yang aktif',
                'this user is disabled: choose an enabled user',
              )
            : say('bukan pengguna di daerah ini', 'is not a user of this region'),
        },
      ]);
    }
    return recordAdminChange(this.deps.admin, {
      regionId: this.deps.regionId,
      actor: user,
      decide: async (at) => {
        const clash = (await this.deps.delegations.all(this.deps.regionId)).find(
          (d) => d.office === input.office && group(d.kind) === group(input.kind) && overlaps(d, input),
        );
        if (clash) {
          const which = `${KIND_NAMES[clash.kind]} ${clash.delegate.name} (${clash.from} – ${clash.to})`;
          throw new ConflictError(
            say(
              `Periode ini bertumpang tindih dengan ${which} untuk jabatan yang sama`,
              `The period overlaps ${which} for the same office`,
            ),
            { delegation: clash },
          );
        }
        const delegation: Delegation = {
          id: ulid(),
          regionId: this.deps.regionId,
          ...input,
          delegate: { id: delegate.id, name: delegate.name },
          createdAt: at,
          createdBy: { sub: user.sub, name: user.name },
        };
        return {
          action: 'delegation.create',
          target: { kind: 'delegation', id: delegation.id },
          after: delegation,
          writes: [this.deps.delegations.createWrite(delegation)],
          result: delegation,
        };
      },
    });
  }

  /**
   * Ends a delegation early, from today (WIB): it ran until yesterday, or never if it had not begun;
   * recorded in the admin log with the reason.
   */
  async end(user: Identity, id: string, body: unknown): Promise<Delegation> {
    requireAdmin(user);
    const { reason } = parse(endDelegationSchema, body);
    return recordAdminChange(this.deps.admin, {
      regionId: this.deps.regionId,
      actor: user,
      decide: async (at) => {
        const before = isId(id) ? await this.deps.delegations.get(this.deps.regionId, id) : undefined;
        if (!before) throw new NotFoundError(`Delegation ${id}`);
        const today = regionDay(at);
        if (before.ended || before.to < today) {
          throw new ConflictError(
            say(
              `Pendelegasian ini sudah berakhir pada ${before.to}`,
              `This delegation already ended on ${before.to}`,
            ),
            { delegation: before },
          );
        }
        const yesterday = dayBefore(today);
        const after: Delegation = {
          ...before,
          to: yesterday < before.from ? dayBefore(before.from) : yesterday,
          ended: { at, by: { sub: user.sub, name: user.name }, reason, plannedTo: before.to },
        };
        return {
          action: 'delegation.end',
          target: { kind: 'delegation', id },
          before,
          after,
          writes: [this.deps.delegations.updateWrite(before, after)],
          result: after,
        };
      },
    });
  }
}
