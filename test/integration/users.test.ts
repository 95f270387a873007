import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { Table } from '../../shared/adapters/aws/table.js';
import { sampleFor } from '../support/samples.js';
import { apiAs } from './support/api.js';
import { useEmbeddedStack } from './support/stack.js';

/**
 * The users' administration on the embedded stack: an admin invites, changes and disables users, and
 * the store, read on every request, decides what each may do from their next request on.
 */
const stack = useEmbeddedStack();
const as = (username: string) => apiAs(stack, username);
const admin = as('admin');

/**
 * A unit in the registry, as the units' administration keeps it (`REGION#<region>` / `UNIT#<code>`),
 * unless the seed has it already.
 */
async function registerUnit(code: string, active = true) {
  const table = new Table(stack.env.TABLE_NAME as string);
  const at = new Date().toISOString();
  await table.write(
    table.putNew({
      pk: `REGION#${stack.env.REGION_ID}`,
      sk: `UNIT#${code}`,
      code,
      name: { id: `Unit ${code}`, en: `Unit ${code}` },
      active,
      createdAt: at,
      updatedAt: at,
    }),
  );
}

let nipSerial = 0;
/** A fictional NIP of 18 digits, different each call. */
const nip = () => `19900101201501${String(1000 + nipSerial++).padStart(4, '0')}`;

const invitation = (over: Record<string, unknown> = {}) => ({
  name: 'Laras Wijayanti',
  email: `laras.${nipSerial}@diskominfo.example.go.id`,
  nip: nip(),
  role: 'opd_drafter',
  unit: 'DISKOMINFO',
  ...over,
});

/** A PKS drafted for `unit`. */
const pksFor = (unit: string) => {
  const form = sampleFor('pks');
  form.initiatingUnit.code = unit;
  return form;
};

beforeAll(async () => {
  await registerUnit('DISKOMINFO');
  await registerUnit('DISDIK');
  await registerUnit('DISHUB', false);
});

describe('a user the admin invites', () => {
  it('signs in and drafts for their unit; the invitation is in the admin log', async () => {
    const created = await admin('POST', '/api/admin/users', {
      name: 'Laras Wijayanti',
      email: 'Laras.Wijayanti@Diskominfo.example.go.id',
      nip: '199203042018032001',
      role: 'opd_drafter',
      unit: 'DISKOMINFO',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json).toMatchObject({
      username: 'laras.wijayanti',
      email: 'laras.wijayanti@diskominfo.example.go.id',
      name: 'Laras Wijayanti',
      nip: '199203042018032001',
      role: 'opd_drafter',
      unit: 'DISKOMINFO',
      enabled: true,
    });
    expect(created.json.regionId).toBeUndefined();
    const laras = as('laras.wijayanti');
    const me = await laras('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ id: created.json.id, role: 'opd_drafter', unit: 'DISKOMINFO' });
    const draft = await laras('POST', '/api/agreements', pksFor('DISKOMINFO'));
    expect(draft.status, JSON.stringify(draft.json)).toBe(201);
    expect(draft.json.agreement.initiatingUnit.code).toBe('DISKOMINFO');
    // Not for another unit.
    const other = await laras('POST', '/api/agreements', pksFor('DISDIK'));
    expect(other.status).toBe(403);

    const log = await admin('GET', '/api/admin/log?limit=100');
    const event = log.json.items.find(
      (e: { action: string; target: { id: string } }) =>
        e.action === 'user.create' && e.target.id === created.json.id,
    );
    expect(event).toMatchObject({
      actor: { sub: 'u-admin', role: 'admin' },
      target: { kind: 'user', id: created.json.id },
      after: { username: 'laras.wijayanti', role: 'opd_drafter', unit: 'DISKOMINFO', enabled: true },
    });
    expect(log.json.chainIntact).toBe(true);
  });

  it('is listed by the embedded sign-in while enabled', async () => {
    const users = await fetch(`${stack.baseUrl}/api/auth/dev-users`).then((r) => r.json());
    expect(users.users.map((u: { username: string }) => u.username)).toContain('laras.wijayanti');
  });

  it('gets a username of their own when the email’s local part is taken', async () => {
    const first = await admin('POST', '/api/admin/users', invitation({ email: 'budi@a.example.go.id' }));
    const second = await admin('POST', '/api/admin/users', invitation({ email: 'budi@b.example.go.id' }));
    expect([first.status, second.status]).toEqual([201, 201]);
    expect([first.json.username, second.json.username]).toEqual(['budi', 'budi2']);
  });
});

describe('a change to a user', () => {
  it('holds from their next request: role, unit, disabled, enabled again', async () => {
    const created = await admin('POST', '/api/admin/users', invitation({ name: 'Dimas Haryanto' }));
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const { id, username } = created.json;
    // One token for the whole test: what it says never changes, the store does.
    const dimas = as(username);
    expect((await dimas('POST', '/api/agreements', pksFor('DISKOMINFO'))).status).toBe(201);

    const head = await admin('PATCH', `/api/admin/users/${id}`, { role: 'opd_head' });
    expect(head.status, JSON.stringify(head.json)).toBe(200);
    expect(head.json).toMatchObject({ role: 'opd_head', unit: 'DISKOMINFO' });
    const refused = await dimas('POST', '/api/agreements', pksFor('DISKOMINFO'));
    expect(refused.status).toBe(403);
    expect(refused.json.message.en).toMatch(/Only an OPD drafter of DISKOMINFO/);

    const back = await admin('PATCH', `/api/admin/users/${id}`, { role: 'opd_drafter' });
    expect(back.json).toMatchObject({ role: 'opd_drafter', unit: 'DISKOMINFO' });
    const moved = await admin('PATCH', `/api/admin/users/${id}`, { unit: 'DISDIK' });
    expect(moved.json).toMatchObject({ role: 'opd_drafter', unit: 'DISDIK' });
    expect((await dimas('POST', '/api/agreements', pksFor('DISKOMINFO'))).status).toBe(403);
    expect((await dimas('POST', '/api/agreements', pksFor('DISDIK'))).status).toBe(201);

    const disabled = await admin('PATCH', `/api/admin/users/${id}`, { enabled: false });
    expect(disabled.json.enabled).toBe(false);
    for (const [method, path] of [
      ['GET', '/api/inbox'],
      ['GET', '/api/me'],
      ['POST', '/api/agreements'],
    ] as const) {
      const res = await dimas(method, path, method === 'POST' ? pksFor('DISDIK') : undefined);
      expect(res.status, path).toBe(403);
      expect(res.json.message.id).toMatch(/^Akun Anda dinonaktifkan/);
      expect(res.json.message.en).toMatch(/^Your account is disabled/);
    }
    const login = await fetch(`${stack.baseUrl}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    });
    expect(login.status).toBe(403);
    const signIn = await fetch(`${stack.baseUrl}/api/auth/dev-users`).then((r) => r.json());
    expect(signIn.users.map((u: { username: string }) => u.username)).not.toContain(username);

    const enabled = await admin('PATCH', `/api/admin/users/${id}`, { enabled: true });
    expect(enabled.json.enabled).toBe(true);
    expect((await dimas('GET', '/api/inbox')).status).toBe(200);

    const log = await admin('GET', '/api/admin/log?limit=100');
    const mine = log.json.items
      .filter((e: { target: { id: string } }) => e.target.id === id)
      .map(
        (e: {
          action: string;
          before?: { role: string; unit: string };
          after: { role: string; unit: string };
        }) => [e.action, e.before && `${e.before.role} ${e.before.unit}`, `${e.after.role} ${e.after.unit}`],
      );
    expect(mine.reverse()).toEqual([
      ['user.create', undefined, 'opd_drafter DISKOMINFO'],
      ['user.role', 'opd_drafter DISKOMINFO', 'opd_head DISKOMINFO'],
      ['user.role', 'opd_head DISKOMINFO', 'opd_drafter DISKOMINFO'],
      ['user.unit', 'opd_drafter DISKOMINFO', 'opd_drafter DISDIK'],
      ['user.disable', 'opd_drafter DISDIK', 'opd_drafter DISDIK'],
      ['user.enable', 'opd_drafter DISDIK', 'opd_drafter DISDIK'],
    ]);
  });

  it('changes nothing, and logs nothing, when it repeats what is stored', async () => {
    const created = await admin('POST', '/api/admin/users', invitation());
    const before = await admin('GET', '/api/admin/log?limit=1');
    const same = await admin('PATCH', `/api/admin/users/${created.json.id}`, {
      role: 'opd_drafter',
      enabled: true,
    });
    expect(same.status).toBe(200);
    expect(same.json.updatedAt).toBe(created.json.updatedAt);
    const after = await admin('GET', '/api/admin/log?limit=1');
    expect(after.json.items[0].seq).toBe(before.json.items[0].seq);
  });

  it('drops the unit of a user moved to a role outside the OPDs', async () => {
    const created = await admin('POST', '/api/admin/users', invitation());
    const moved = await admin('PATCH', `/api/admin/users/${created.json.id}`, { role: 'biro_staff' });
    expect(moved.status).toBe(200);
    expect(moved.json.role).toBe('biro_staff');
    expect(moved.json.unit).toBeUndefined();
    const listed = await admin('GET', '/api/admin/users?unit=DISKOMINFO&limit=100');
    expect(listed.json.items.map((u: { id: string }) => u.id)).not.toContain(created.json.id);
  });
});

describe('the last enabled administrator', () => {
  it('can be neither disabled nor demoted, also by two admins at once', async () => {
    const created = await admin('POST', '/api/admin/users', invitation({ role: 'admin', unit: undefined }));
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const second = as(created.json.username);
    expect((await second('PATCH', '/api/admin/users/u-admin', { enabled: false })).status).toBe(200);
    for (const change of [{ enabled: false }, { role: 'biro_staff' }]) {
      const res = await second('PATCH', `/api/admin/users/${created.json.id}`, change);
      expect(res.status, JSON.stringify(change)).toBe(409);
      expect(res.json.details).toEqual({ reason: 'last_admin' });
      expect(res.json.message.en).toMatch(/last enabled administrator/);
    }
    expect((await second('PATCH', '/api/admin/users/u-admin', { enabled: true })).status).toBe(200);
    // Each disables the other at the same moment: one of them stays.
    const [a, b] = await Promise.all([
      admin('PATCH', `/api/admin/users/${created.json.id}`, { enabled: false }),
      second('PATCH', '/api/admin/users/u-admin', { enabled: false }),
    ]);
    // The other is refused: the last admin (409), or already disabled when its request came (403).
    const statuses = [a.status, b.status];
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.find((s) => s !== 200)).toBeOneOf([403, 409]);
    const survivor = a.status === 200 ? admin : second;
    const listed = await survivor('GET', '/api/admin/users?role=admin&enabled=true&limit=100');
    expect(listed.json.items).toHaveLength(1);
    // Put back what the other tests expect: the demo admin enabled.
    if (survivor === second) {
      expect((await second('PATCH', '/api/admin/users/u-admin', { enabled: true })).status).toBe(200);
    }
  });
});

describe('refused input', () => {
  const refused = async (body: unknown, path: string) => {
    const res = await admin('POST', '/api/admin/users', body);
    expect(res.status, JSON.stringify(res.json)).toBe(400);
    expect(res.json.issues.map((i: { path: string }) => i.path)).toContain(path);
    return res.json.issues.find((i: { path: string }) => i.path === path).message;
  };

  it('names the field: NIP, email, role, unit, username', async () => {
    expect((await refused(invitation({ nip: '12345678901234567' }), 'nip')).en).toBe(
      'must be an NIP of 18 digits',
    );
    await refused(invitation({ nip: '1234567890123456789' }), 'nip');
    await refused(invitation({ nip: '19900101201501100a' }), 'nip');
    expect((await refused(invitation({ email: 'laras@' }), 'email')).en).toBe(
      'must be a valid email address',
    );
    expect((await refused(invitation({ role: 'lurah' }), 'role')).en).toMatch(/^must be one of: /);
    expect((await refused(invitation({ unit: undefined }), 'unit')).en).toBe('is required for an OPD role');
    expect((await refused(invitation({ role: 'opd_head', unit: undefined }), 'unit')).id).toBe(
      'wajib diisi untuk peran OPD',
    );
    expect((await refused(invitation({ role: 'sekda' }), 'unit')).en).toMatch(/only OPD roles/);
    expect((await refused(invitation({ unit: 'NOPE' }), 'unit')).en).toBe(
      'unit NOPE is not registered or not active',
    );
    expect((await refused(invitation({ unit: 'DISHUB' }), 'unit')).en).toMatch(
      /not registered or not active/,
    );
    await refused(invitation({ unit: 'dis kominfo' }), 'unit');
    await refused(invitation({ username: 'laras@example.go.id' }), 'username');
    await refused(invitation({ name: '' }), 'name');
    await refused({ ...invitation(), password: 'x' }, '');
  });

  it('refuses a second user with the same email or username, naming it', async () => {
    const email = 'sama@diskominfo.example.go.id';
    expect((await admin('POST', '/api/admin/users', invitation({ email }))).status).toBe(201);
    const again = await admin(
      'POST',
      '/api/admin/users',
      invitation({ email: 'SAMA@diskominfo.example.go.id' }),
    );
    expect(again.status).toBe(409);
    expect(again.json.details).toEqual({ field: 'email', value: email });
    expect(again.json.message.en).toContain(email);
    const username = await admin('POST', '/api/admin/users', invitation({ username: 'disdik.penyusun' }));
    expect(username.status).toBe(409);
    expect(username.json.details).toEqual({ field: 'username', value: 'disdik.penyusun' });
  });

  it('refuses changes that do not fit, an unknown user and an empty change', async () => {
    const staff = DEMO_USERS.find((u) => u.username === 'biro.staf')?.sub;
    const noUnit = await admin('PATCH', `/api/admin/users/${staff}`, { role: 'opd_drafter' });
    expect(noUnit.status).toBe(400);
    expect(noUnit.json.issues[0].path).toBe('unit');
    const inactive = await admin('PATCH', '/api/admin/users/u-disdik-drafter', { unit: 'DISHUB' });
    expect(inactive.status).toBe(400);
    expect(inactive.json.issues[0].path).toBe('unit');
    expect((await admin('PATCH', `/api/admin/users/${staff}`, { unit: 'DISDIK' })).status).toBe(400);
    expect((await admin('PATCH', `/api/admin/users/${staff}`, {})).status).toBe(400);
    expect((await admin('PATCH', `/api/admin/users/${staff}`, { enabled: 'no' })).json.issues[0].path).toBe(
      'enabled',
    );
    expect((await admin('PATCH', `/api/admin/users/${staff}`, { email: 'x@example.go.id' })).status).toBe(
      400,
    );
    expect((await admin('PATCH', '/api/admin/users/u-nobody', { enabled: false })).status).toBe(404);
    expect((await admin('PATCH', `/api/admin/users/${'x'.repeat(300)}`, { enabled: false })).status).toBe(
      404,
    );
    // Nothing of it was stored.
    const me = await as('biro.staf')('GET', '/api/me');
    expect(me.json).toMatchObject({ role: 'biro_staff', enabled: true });
    expect(me.json.unit).toBeUndefined();
  });

  it('answers a token of nobody the store knows with 401', async () => {
    const token = await stack.tokenOf({
      sub: 'u-stranger',
      username: 'stranger',
      name: 'Orang Asing',
      email: 'stranger@example.go.id',
      role: 'admin',
    });
    const res = await fetch(`${stack.baseUrl}/api/admin/users`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(401);
    expect((await res.json()).message.en).toMatch(/not registered as a user/);
  });
});

describe('the users list', () => {
  it('searches name, email, username and NIP, filters by role, unit and enabled, a page at a time', async () => {
    const byName = await admin('GET', '/api/admin/users?q=kirana');
    expect(byName.json.items.map((u: { username: string }) => u.username)).toEqual(['disdik.penyusun']);
    const byNip = await admin('GET', '/api/admin/users?q=196807301994031005');
    expect(byNip.json.items.map((u: { username: string }) => u.username)).toEqual(['sekda']);
    const byEmail = await admin('GET', '/api/admin/users?q=@dispar.example');
    expect(byEmail.json.items.map((u: { username: string }) => u.username).sort()).toEqual([
      'dispar.kepala',
      'dispar.penyusun',
    ]);
    const heads = await admin('GET', '/api/admin/users?role=opd_head&unit=DISDIK');
    expect(heads.json.items.map((u: { username: string }) => u.username)).toEqual(['disdik.kepala']);
    const off = await admin('POST', '/api/admin/users', invitation({ name: 'Zainal Arifin Nonaktif' }));
    await admin('PATCH', `/api/admin/users/${off.json.id}`, { enabled: false });
    const disabled = await admin('GET', '/api/admin/users?enabled=false&q=nonaktif');
    expect(disabled.json.items.map((u: { id: string }) => u.id)).toEqual([off.json.id]);
    const enabledOnes = await admin('GET', '/api/admin/users?enabled=true&q=nonaktif');
    expect(enabledOnes.json.items).toEqual([]);

    const all = await admin('GET', '/api/admin/users?limit=100');
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin('GET', `/api/admin/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.json.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.json.items.map((u: { id: string }) => u.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.json.items.map((u: { id: string }) => u.id));
    // By name, titles aside: "Dr. Anggoro …" sorts under A.
    expect(seen.indexOf('u-disdik-head')).toBeLessThan(seen.indexOf('u-dispar-drafter'));
  });

  it('refuses an unknown filter value and a forged cursor, naming them', async () => {
    expect((await admin('GET', '/api/admin/users?role=lurah')).json.issues[0].path).toBe('role');
    expect((await admin('GET', '/api/admin/users?enabled=maybe')).json.issues[0].path).toBe('enabled');
    expect((await admin('GET', '/api/admin/users?limit=0')).json.issues[0].path).toBe('limit');
    const forged = await admin('GET', '/api/admin/users?cursor=eyJpbmRleCI6ImFsbCJ9');
    expect(forged.status).toBe(400);
    expect(forged.json.issues[0].path).toBe('cursor');
  });
});

describe('every admin users route', () => {
  const others = DEMO_USERS.filter((u) => u.role !== 'admin').map((u) => u.username);
  it.each(others)('is refused to %s', async (username) => {
    const caller = as(username);
    const list = await caller('GET', '/api/admin/users');
    const create = await caller('POST', '/api/admin/users', invitation());
    const change = await caller('PATCH', '/api/admin/users/u-admin', { enabled: false });
    expect([list.status, create.status, change.status]).toEqual([403, 403, 403]);
    expect(create.json.message.en).toBe('Only an administrator may do this');
  });
});
