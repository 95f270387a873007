import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { sampleFor } from '../support/samples.js';
import { apiAs } from './support/api.js';
import { useEmbeddedStack } from './support/stack.js';

/**
 * What one OPD may learn of another's work: nothing, whichever door it knocks on. Two units' users
 * (DISPAR and DISDIK) on the embedded stack.
 */
const stack = useEmbeddedStack();
const as = (username: string) => apiAs(stack, username);
const dispar = as('dispar.penyusun');
const disdik = as('disdik.penyusun');

/** A sample form drafted for DISDIK instead of its demo OPD. */
const forDisdik = (name: 'mou' | 'pks' | 'loi') => {
  const form = sampleFor(name);
  form.initiatingUnit.code = 'DISDIK';
  return form;
};

describe('a draft naming a parent', () => {
  let disparLoi: { id: string; title: string };
  let disdikLoi: string;
  let disdikMou: string;

  beforeAll(async () => {
    const loi = await dispar('POST', '/api/agreements', sampleFor('loi'));
    expect(loi.status, JSON.stringify(loi.json)).toBe(201);
    disparLoi = { id: loi.json.id, title: loi.json.agreement.title.id };
    const own = await disdik('POST', '/api/agreements', forDisdik('loi'));
    disdikLoi = own.json.id;
    const mou = await disdik('POST', '/api/agreements', forDisdik('mou'));
    expect(mou.status, JSON.stringify(mou.json)).toBe(201);
    disdikMou = mou.json.id;
  });

  const withParent = (parent: string) => {
    const form = forDisdik('mou');
    form.parent = { agreementId: parent };
    return form;
  };

  it("refuses another unit's agreement exactly as an unknown one, on create and on revise", async () => {
    const unknown = await disdik('POST', '/api/agreements', withParent('01ARZ3NDEKTSV4RRFFQ69G5FAV'));
    expect(unknown.status).toBe(400);
    for (const [method, path] of [
      ['POST', '/api/agreements'],
      ['POST', `/api/agreements/${disdikMou}/versions`],
    ] as const) {
      const other = await disdik(method, path, withParent(disparLoi.id));
      expect(other.status, path).toBe(400);
      expect(other.json, path).toEqual(unknown.json);
      expect(JSON.stringify(other.json)).not.toContain(disparLoi.title);
    }
    // Nothing was stored for the refused revision.
    const mou = await disdik('GET', `/api/agreements/${disdikMou}`);
    expect(mou.json.currentVersion).toBe(1);
  });

  it("accepts the unit's own LoI, and the Biro still sees both units' agreements", async () => {
    const ok = await disdik('POST', '/api/agreements', withParent(disdikLoi));
    expect(ok.status, JSON.stringify(ok.json)).toBe(201);
    expect(ok.json.agreement.parentId).toBe(disdikLoi);
    const biro = as('biro.staf');
    expect((await biro('GET', `/api/agreements/${disparLoi.id}`)).status).toBe(200);
    expect((await biro('GET', `/api/agreements/${ok.json.id}`)).status).toBe(200);
  });
});

describe('an Idempotency-Key', () => {
  it("answers only its own user's retries: another unit's identical key makes its own agreement", async () => {
    const headers = { 'idempotency-key': 'shared-key-0001' };
    const first = await dispar('POST', '/api/agreements', sampleFor('loi'), headers);
    expect(first.status).toBe(201);
    const other = await disdik('POST', '/api/agreements', forDisdik('loi'), headers);
    expect(other.status, JSON.stringify(other.json)).toBe(201);
    expect(other.json.id).not.toBe(first.json.id);
    expect(other.json.agreement.initiatingUnit.code).toBe('DISDIK');
    expect(JSON.stringify(other.json)).not.toContain(first.json.id);
    // Each user's retry still answers with that user's first agreement.
    const retryDispar = await dispar('POST', '/api/agreements', sampleFor('loi'), headers);
    const retryDisdik = await disdik('POST', '/api/agreements', forDisdik('loi'), headers);
    expect(retryDispar.json.id).toBe(first.json.id);
    expect(retryDisdik.json.id).toBe(other.json.id);
    // The other unit still cannot open the first one.
    expect((await disdik('GET', `/api/agreements/${first.json.id}`)).status).toBe(404);
  });

  it('made concurrently by two units with one key, gives each its own agreement', async () => {
    const headers = { 'idempotency-key': 'shared-key-0002' };
    const [a, b] = await Promise.all([
      dispar('POST', '/api/agreements', sampleFor('loi'), headers),
      disdik('POST', '/api/agreements', forDisdik('loi'), headers),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.agreement.initiatingUnit.code).toBe('DISPAR');
    expect(b.json.agreement.initiatingUnit.code).toBe('DISDIK');
  });
});

describe("the embedded stack's outbox", () => {
  type Message = { agreementId: string; to: { role: string; unit?: string }; recipients: string[] };
  const outboxOf = async (username: string): Promise<Message[]> => {
    const res = await as(username)('GET', '/api/outbox?limit=500');
    expect(res.status).toBe(200);
    return res.json.items;
  };
  let disdikPks: string;
  let disparMou: string;

  beforeAll(async () => {
    const pks = await disdik('POST', '/api/agreements', sampleFor('pks'));
    disdikPks = pks.json.id;
    const mou = await dispar('POST', '/api/agreements', sampleFor('mou'));
    disparMou = mou.json.id;
    for (const [user, id] of [
      ['disdik.penyusun', disdikPks],
      ['dispar.penyusun', disparMou],
    ] as const) {
      const res = await as(user)('POST', `/api/agreements/${id}/actions`, { action: 'submit', version: 1 });
      expect(res.status).toBe(200);
    }
    // DISDIK's head endorses: the next message goes to the Biro staff.
    const endorsed = await as('disdik.kepala')('POST', `/api/agreements/${disdikPks}/actions`, {
      action: 'endorse',
      version: 1,
    });
    expect(endorsed.status).toBe(200);
  });

  it('shows every user only the mail addressed to their role, and to their unit for OPD roles', async () => {
    for (const user of DEMO_USERS) {
      const items = await outboxOf(user.username);
      for (const m of items) {
        expect(m.to.role, user.username).toBe(user.role);
        if (m.to.unit) expect(m.to.unit, user.username).toBe(user.unit);
        expect(m.recipients, user.username).toContain(user.email);
      }
    }
    const ids = async (u: string) => (await outboxOf(u)).map((m) => m.agreementId);
    expect(await ids('disdik.kepala')).toContain(disdikPks);
    expect(await ids('disdik.kepala')).not.toContain(disparMou);
    expect(await ids('dispar.kepala')).toContain(disparMou);
    expect(await ids('dispar.kepala')).not.toContain(disdikPks);
    expect(await ids('biro.staf')).toContain(disdikPks);
    expect(await ids('biro.staf')).not.toContain(disparMou);
    // Drafters, evaluators and admins were sent nothing here, and read nobody else's mail.
    for (const user of ['disdik.penyusun', 'dispar.penyusun', 'biro.kepala', 'evaluator', 'admin']) {
      const mine = await ids(user);
      expect(mine, user).not.toContain(disdikPks);
      expect(mine, user).not.toContain(disparMou);
    }
  });

  it('is closed without a token', async () => {
    expect((await as(undefined as unknown as string)('GET', '/api/outbox')).status).toBe(401);
  });
});
