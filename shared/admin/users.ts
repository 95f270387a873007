import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../errors.js';
import { say } from '../form/messages.js';
import { parse } from '../form/parse.js';
import type { Identity } from '../identity/identity.js';
import type { Page } from '../ports/page.js';
import type { SignInAccounts } from '../ports/sign-in-accounts.js';
import type { UnitRegistry } from '../ports/units.js';
import type { UserLookup, UserStore } from '../ports/users.js';
import { requireAdmin } from './authorize.js';
import { type AdminDeps, recordAdminChange } from './record-admin-change.js';
import {
  applyChange,
  type NewUser,
  newUserSchema,
  type User,
  type UserChange,
  userChangeSchema,
  userQuerySchema,
  userView,
} from './user.js';

export interface UserAdminDeps extends AdminDeps {
  users: UserStore;
  units: UnitRegistry;
  accounts: SignInAccounts;
}

type Actor = Pick<Identity, 'sub' | 'name' | 'role'>;
export type UserView = ReturnType<typeof userView>;

/**
 * The stored user behind a token's subject, who may act now: unknown → 401, disabled → 403. Read on
 * every request, so a role, unit or enabled change made by an admin holds from the user's next request.
 */
export async function resolveCaller(users: UserLookup, regionId: string, sub: string): Promise<User> {
  const user = sub ? await users.get(regionId, sub) : undefined;
  if (!user) {
    throw new UnauthorizedError(
      say(
        'Akun ini tidak terdaftar sebagai pengguna sistem: hubungi administrator',
        'This account is not registered as a user of the system: contact the administrator',
      ),
    );
  }
  if (!user.enabled) {
    throw new ForbiddenError(
      say(
        'Akun Anda dinonaktifkan: hubungi administrator untuk mengaktifkannya kembali',
        'Your account is disabled: contact the administrator to enable it again',
      ),
      { disabled: true },
    );
  }
  return user;
}

/** GET /api/admin/users: a page of the region's users by name, searched and filtered. */
export async function listUsers(
  users: UserStore,
  actor: Pick<Identity, 'role'>,
  regionId: string,
  query: unknown,
): Promise<Page<UserView>> {
  requireAdmin(actor);
  const { cursor, limit, ...filters } = parse(userQuerySchema, query);
  const page = await users.list(regionId, filters, limit, cursor);
  return { ...page, items: page.items.map(userView) };
}

/** POST /api/admin/users: invites a user (an emailed temporary password in the cloud). */
export async function createUser(
  deps: UserAdminDeps,
  actor: Actor,
  regionId: string,
  body: unknown,
): Promise<UserView> {
  requireAdmin(actor);
  return userView(await inviteUser(deps, actor, regionId, parse(newUserSchema, body)));
}

/**
 * A new user: their email and username free, their unit active; the sign-in account first (its
 * subject is the user's id), then the user with their admin-log event. A retry after a failure
 * between the two takes the account over and completes the user.
 */
export async function inviteUser(
  deps: UserAdminDeps,
  actor: Actor,
  regionId: string,
  input: NewUser,
  /** Checked before the account is made and again on the decision's fresh reads; throws to refuse. */
  precondition: () => Promise<void> = async () => {},
): Promise<User> {
  const invitation = await sendInvitation(deps, actor, regionId, input, precondition);
  return recordInvitation(deps, actor, regionId, invitation, precondition);
}

/** An account made for a user not yet stored. */
export interface Invitation {
  id: string;
  username: string;
  input: NewUser;
}

/** The checks and the sign-in account of an invitation: what may run beside other invitations. */
export async function sendInvitation(
  deps: UserAdminDeps,
  actor: Actor,
  regionId: string,
  input: NewUser,
  precondition: () => Promise<void> = async () => {},
): Promise<Invitation> {
  requireAdmin(actor);
  await precondition();
  const username = input.username ?? (await freeUsername(deps.users, input.email));
  await mustBeFree(deps.users, input.email, username);
  if (input.unit) await mustBeActive(deps.units, regionId, input.unit);
  const id = await deps.accounts.invite({
    username,
    email: input.email,
    name: input.name,
    role: input.role,
    ...(input.unit ? { unit: input.unit } : {}),
  });
  return { id, username, input };
}

/** The invited user stored, with their admin-log event (checked again on fresh reads). */
export function recordInvitation(
  deps: UserAdminDeps,
  actor: Actor,
  regionId: string,
  { id, username, input }: Invitation,
  precondition: () => Promise<void> = async () => {},
): Promise<User> {
  return recordAdminChange(deps, {
    regionId,
    actor,
    decide: async (at) => {
      await precondition();
      await mustBeFree(deps.users, input.email, username);
      const user: User = {
        id,
        regionId,
        username,
        name: input.name,
        email: input.email,
        nip: input.nip,
        ...(input.nik ? { nik: input.nik } : {}),
        role: input.role,
        ...(input.unit ? { unit: input.unit } : {}),
        enabled: true,
        createdAt: at,
        updatedAt: at,
      };
      return {
        action: 'user.create',
        target: { kind: 'user', id },
        after: userView(user),
        writes: deps.users.createWrites(user),
        result: user,
      };
    },
  });
}

/** Who creates the first admin: the deployment's operator, before any admin exists. */
export const SETUP_ACTOR: Actor = { sub: 'setup', name: 'Penyiapan awal / First setup', role: 'admin' };

/**
 * The region's first administrator (`npm run admin:bootstrap` in the cloud): only while the region
 * has no enabled admin, a 409 afterwards; invited as any user is, and in the admin log.
 */
export async function createFirstAdmin(
  deps: UserAdminDeps,
  regionId: string,
  body: unknown,
  actor: Actor = SETUP_ACTOR,
): Promise<User> {
  const input = parse(newUserSchema, { ...(body as object), role: 'admin' });
  return inviteUser(deps, actor, regionId, input, () => mustHaveNoAdmin(deps.users, regionId));
}

/** Whether the region still waits for its first administrator. */
export const needsFirstAdmin = async (users: UserStore, regionId: string): Promise<boolean> =>
  (await users.enabledAdmins(regionId)).length === 0;

/** Refuses the first admin's setup once the region has an enabled admin. */
export async function mustHaveNoAdmin(users: UserStore, regionId: string): Promise<void> {
  if (!(await needsFirstAdmin(users, regionId))) {
    throw new ConflictError(
      say(
        'Wilayah ini sudah memiliki administrator: masuk sebagai administrator itu untuk mengundang pengguna',
        'This region has an administrator already: sign in as them to invite users',
      ),
      { reason: 'admin_exists' },
    );
  }
}

/** PATCH /api/admin/users/{id}: role, unit, enabled, NIK. */
export async function updateUser(
  deps: UserAdminDeps,
  actor: Actor,
  regionId: string,
  id: string,
  body: unknown,
): Promise<UserView> {
  requireAdmin(actor);
  return userView(await changeUser(deps, actor, regionId, id, parse(userChangeSchema, body)));
}

/**
 * Changes a user's role, unit or enabled, never leaving the region without an enabled admin; the
 * same values again change nothing. The sign-in account follows the stored user afterwards (even
 * when nothing changed, so that a retry completes an account update that failed before).
 */
export async function changeUser(
  deps: UserAdminDeps,
  actor: Actor,
  regionId: string,
  id: string,
  change: UserChange,
): Promise<User> {
  requireAdmin(actor);
  const user = await recordAdminChange(deps, {
    regionId,
    actor,
    decide: async (at) => {
      const before = id.length <= 200 ? await deps.users.get(regionId, id) : undefined;
      if (!before) throw new NotFoundError(`User ${id}`);
      const next = applyChange(before, change);
      if (next.unit && next.unit !== before.unit) await mustBeActive(deps.units, regionId, next.unit);
      if (
        next.role === before.role &&
        next.unit === before.unit &&
        next.enabled === before.enabled &&
        next.nik === before.nik
      ) {
        return { unchanged: true, result: before };
      }
      if (isEnabledAdmin(before) && !isEnabledAdmin(next)) {
        const others = (await deps.users.enabledAdmins(regionId)).filter((a) => a !== id);
        if (others.length === 0) throw lastAdmin(next.enabled);
      }
      const { unit: _, nik: __, ...rest } = before;
      const after: User = { ...rest, ...next, updatedAt: at };
      return {
        action: actionOf(before, after),
        target: { kind: 'user', id },
        before: userView(before),
        after: userView(after),
        writes: deps.users.updateWrites(before, after),
        result: after,
      };
    },
  });
  await deps.accounts.update(user.username, {
    role: user.role,
    ...(user.unit ? { unit: user.unit } : {}),
    enabled: user.enabled,
  });
  return user;
}

const isEnabledAdmin = (user: Pick<User, 'role' | 'enabled'>) => user.role === 'admin' && user.enabled;

function actionOf(before: User, after: User): string {
  if (before.enabled !== after.enabled) return after.enabled ? 'user.enable' : 'user.disable';
  if (before.role !== after.role) return 'user.role';
  return before.unit !== after.unit ? 'user.unit' : 'user.nik';
}

const lastAdmin = (disabling: boolean) =>
  new ConflictError(
    disabling
      ? say(
          'Administrator aktif terakhir tidak dapat dinonaktifkan: jadikan pengguna lain administrator lebih dahulu',
          'The last enabled administrator cannot be disabled: make another user an administrator first',
        )
      : say(
          'Peran administrator aktif terakhir tidak dapat diubah: jadikan pengguna lain administrator lebih dahulu',
          'The role of the last enabled administrator cannot be changed: make another user an administrator first',
        ),
    { reason: 'last_admin' },
  );

/** 409 naming the email address or username another user holds. */
async function mustBeFree(users: UserStore, email: string, username: string): Promise<void> {
  const [emailOwner, usernameOwner] = await Promise.all([
    users.emailOwner(email),
    users.usernameOwner(username),
  ]);
  if (emailOwner) {
    throw new ConflictError(
      say(`Email ${email} sudah dipakai pengguna lain`, `The email ${email} is already used by another user`),
      { field: 'email', value: email },
    );
  }
  if (usernameOwner) {
    throw new ConflictError(
      say(
        `Nama pengguna ${username} sudah dipakai: pilih yang lain`,
        `The username ${username} is already taken: choose another one`,
      ),
      { field: 'username', value: username },
    );
  }
}

async function mustBeActive(units: UnitRegistry, regionId: string, code: string): Promise<void> {
  if (!(await units.isActive(regionId, code))) {
    throw new ValidationError([
      {
        path: 'unit',
        message: say(
          `unit ${code} tidak terdaftar atau tidak aktif`,
          `unit ${code} is not registered or not active`,
        ),
      },
    ]);
  }
}

/** How many numbered usernames are tried after the email's own local part. */
const USERNAME_TRIES = 20;

/**
 * A free username made from the email's local part: `rina.w`, else `rina.w2`, `rina.w3`… (also
 * passing over those `reserved` says are taken, e.g. by earlier rows of an import).
 */
export async function freeUsername(
  users: UserStore,
  email: string,
  reserved: (username: string) => boolean = () => false,
): Promise<string> {
  const base =
    (email.split('@')[0] ?? '')
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '.')
      .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
      .slice(0, 60)
      .replace(/[^a-z0-9]+$/, '') || 'user';
  for (let n = 1; n <= USERNAME_TRIES; n++) {
    const candidate = n === 1 ? base : `${base}${n}`;
    if (!reserved(candidate) && !(await users.usernameOwner(candidate))) return candidate;
  }
  throw new ConflictError(
    say(
      `Nama pengguna ${base} sudah dipakai: sebutkan username`,
      `The username ${base} is already taken: give a username`,
    ),
    { field: 'username', value: base },
  );
}
