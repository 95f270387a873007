import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/stack.js';

/** A fictional regency and its first admin, as a Biro types them on the setup page. */
const REGION = {
  name: { id: 'Pemerintah Kabupaten Sukamaju', en: 'Sukamaju Regency Government' },
  level: 'kabupaten',
  head: {
    name: 'Hj. Laksmi Pratiwi, S.H.',
    nip: '197001012000032001',
    position: { id: 'Bupati Sukamaju', en: 'Regent of Sukamaju' },
  },
  sekda: {
    name: 'Drs. Galih Permana',
    nip: '197205052001121002',
    position: { id: 'Sekretaris Daerah Kabupaten Sukamaju', en: 'Regional Secretary of Sukamaju Regency' },
  },
  bureau: { id: 'Bagian Kerja Sama', en: 'Cooperation Division' },
  address: 'Jl. Merdeka No. 1, Sukamaju',
};
const ADMIN = {
  name: 'Rina Oktaviani',
  email: 'rina@sukamaju.example',
  nip: '199001012015032003',
  username: 'rina',
};

const dataDir = mkdtempSync(join(tmpdir(), 'setup-'));
let stack: EmbeddedStack;

async function call(method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

beforeAll(async () => {
  stack = await startEmbeddedStack({ dataDir, port: 0, empty: true });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('first start of an empty stack', () => {
  it('refuses a setup with bad fields, naming each, and creates nothing', async () => {
    const bad = await call('POST', '/api/setup', {
      region: { ...REGION, level: 'desa' },
      admin: { ...ADMIN, nip: '1990', email: 'rina' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'admin.email',
      'admin.nip',
      'region.level',
    ]);
    expect((await call('GET', '/api/setup')).json).toEqual({ needed: true });
    expect((await call('GET', '/api/auth/dev-users')).json.users).toEqual([]);
  });

  it('creates the region and its first admin once, signs the admin in, and logs both', async () => {
    const done = await call('POST', '/api/setup', { region: REGION, admin: ADMIN });
    expect(done.status, JSON.stringify(done.json)).toBe(201);
    expect(done.json.user).toMatchObject({ name: ADMIN.name, username: 'rina', role: 'admin' });
    const token = done.json.token as string;

    const me = await call('GET', '/api/me', undefined, token);
    expect(me.json).toMatchObject({ ...ADMIN, role: 'admin', enabled: true });
    const region = await call('GET', '/api/region', undefined, token);
    expect(region.json).toMatchObject({ configured: true, name: REGION.name, headTitle: { id: 'Bupati' } });
    expect((await call('GET', '/api/setup')).json).toEqual({ needed: false });

    // The admin carries on in the app: a unit, then a drafter of that unit who signs in.
    const unit = await call(
      'POST',
      '/api/admin/units',
      {
        code: 'DISKOMINFO',
        name: { id: 'Dinas Komunikasi dan Informatika', en: 'Communication and Informatics Office' },
      },
      token,
    );
    expect(unit.status, JSON.stringify(unit.json)).toBe(201);
    const drafter = await call(
      'POST',
      '/api/admin/users',
      {
        name: 'Yoga Saputra',
        email: 'yoga@sukamaju.example',
        nip: '199505052020121004',
        role: 'opd_drafter',
        unit: 'DISKOMINFO',
      },
      token,
    );
    expect(drafter.status, JSON.stringify(drafter.json)).toBe(201);
    const listed = (await call('GET', '/api/auth/dev-users')).json.users.map(
      (u: { username: string }) => u.username,
    );
    expect(listed.sort()).toEqual(['rina', drafter.json.username].sort());

    const log = (await call('GET', '/api/admin/log?limit=10', undefined, token)).json;
    expect(log.chainIntact).toBe(true);
    const setupEvents = log.items.filter((e: { actor: { sub: string } }) => e.actor.sub === 'setup');
    expect(setupEvents.map((e: { action: string }) => e.action).sort()).toEqual([
      'region.create',
      'user.create',
    ]);

    const again = await call('POST', '/api/setup', {
      region: REGION,
      admin: { ...ADMIN, username: 'mallory' },
    });
    expect(again.status).toBe(409);
    expect(again.json.message.en).toContain('has an administrator already');
    expect((await call('GET', '/api/region', undefined, token)).json.name).toEqual(REGION.name);
  }, 60_000);
});
