import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { DRAFTER, type SampleName, sampleFor } from '../support/samples.js';
import { apiAs } from './support/api.js';
import { useEmbeddedStack } from './support/stack.js';

const stack = useEmbeddedStack();
const as = (username: string) => apiAs(stack, username);

/** The smallest valid PDF header is enough for the letter check; the letter is stored as given. */
const LETTER = {
  name: 'Surat Kemendagri 100.4.5-123.pdf',
  contentBase64: Buffer.from('%PDF-1.4\n% Kemendagri letter\n%%EOF\n').toString('base64'),
};

async function draft(name: SampleName, form = sampleFor(name)) {
  const res = await as(DRAFTER[name].username)('POST', '/api/agreements', form);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.id as string;
}

async function actOk(username: string, id: string, body: Record<string, unknown>) {
  const res = await as(username)('POST', `/api/agreements/${id}/actions`, body);
  expect(res.status, `${username} ${body.action}: ${JSON.stringify(res.json)}`).toBe(200);
  return res.json;
}

/** Walks a submitted agreement through every approval of its route, as the users the inbox names. */
async function approveAll(id: string, name: SampleName, version = 1) {
  const approvers: Record<string, string> = {
    'opd-endorse': DRAFTER[name].head,
    'biro-review': 'biro.staf',
    'biro-head-review': 'biro.kepala',
    'central-consult': 'biro.staf',
    'sekda-initial': 'sekda',
  };
  const seen: string[] = [];
  for (;;) {
    const { json } = await as('biro.staf')('GET', `/api/agreements/${id}`);
    if (json.status !== 'in_review') return { status: json.status, seen };
    const step = json.workflow.route.steps.find(
      (s: { stage: number; id: string }) =>
        s.stage === json.workflow.stage && !json.workflow.approvals.includes(s.id),
    );
    seen.push(step.id);
    const username = approvers[step.id] as string;
    const inbox = await as(username)('GET', '/api/inbox');
    expect(inbox.json.items.map((i: { agreementId: string }) => i.agreementId)).toContain(id);
    await actOk(username, id, {
      action: 'approve',
      version,
      ...(step.kind === 'consult' ? { letter: LETTER } : {}),
    });
  }
}

describe('routing through the HTTP API', () => {
  it.each(['mou', 'loi', 'pks'] as SampleName[])(
    'takes the %s sample from draft to ready-for-signature',
    async (name) => {
      const id = await draft(name);
      await actOk(DRAFTER[name].username, id, { action: 'submit', version: 1 });
      const { status, seen } = await approveAll(id, name);
      expect(status).toBe('ready_to_sign');
      const foreign = name !== 'pks';
      expect(seen).toEqual([
        'opd-endorse',
        'biro-review',
        'biro-head-review',
        ...(foreign ? ['central-consult'] : []),
        'sekda-initial',
      ]);
      const inbox = await as('gubernur')('GET', '/api/inbox');
      const entry = inbox.json.items.find((i: { agreementId: string }) => i.agreementId === id);
      expect(entry).toMatchObject({ stepId: 'head-sign', kind: 'sign', overdue: false });
      const history = await as('biro.staf')('GET', `/api/agreements/${id}/history`);
      expect(history.json.chainIntact).toBe(true);
      expect(history.json.events.map((e: { action: string }) => e.action)).toEqual([
        'create',
        'submit',
        ...seen.map(() => 'approve'),
      ]);
      const consult = history.json.events.find((e: { steps?: string[] }) =>
        e.steps?.includes('central-consult'),
      );
      if (foreign) expect(consult.attachment.sha256).toMatch(/^[0-9a-f]{64}$/);
      for (const e of history.json.events) expect(e.documentSha256).toMatch(/^[0-9a-f]{64}$/);
    },
  );

  it('runs a revision round: changes requested on an article, a new version, a diff, resubmission', async () => {
    const id = await draft('pks');
    const drafter = DRAFTER.pks.username;
    await actOk(drafter, id, { action: 'submit', version: 1 });
    await actOk(DRAFTER.pks.head, id, { action: 'endorse', version: 1 });
    const noComment = await as('biro.staf')('POST', `/api/agreements/${id}/actions`, {
      action: 'request_changes',
      version: 1,
    });
    expect(noComment.status).toBe(400);
    expect(noComment.json.issues[0].path).toBe('comment');
    await actOk('biro.staf', id, {
      action: 'request_changes',
      version: 1,
      comment: 'Tambahkan publikasi hasil pelatihan pada ruang lingkup',
      article: 'scope',
    });
    const drafterInbox = await as(drafter)('GET', '/api/inbox');
    expect(drafterInbox.json.items.find((i: { agreementId: string }) => i.agreementId === id)?.stepId).toBe(
      'revise',
    );
    const early = await as(drafter)('POST', `/api/agreements/${id}/actions`, {
      action: 'resubmit',
      version: 1,
    });
    expect(early.status).toBe(409);
    const form = sampleFor('pks');
    form.scope.push({ id: 'publikasi hasil pelatihan dalam jurnal ilmiah' });
    expect((await as(drafter)('POST', `/api/agreements/${id}/versions`, form)).status).toBe(201);
    const diff = await as('biro.staf')('GET', `/api/agreements/${id}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    const changed = diff.json.sections.filter((s: { status: string }) => s.status === 'changed');
    expect(changed.map((s: { section: string }) => s.section)).toEqual(['scope']);
    const added = changed[0].changes.id
      .filter((c: { added?: boolean }) => c.added)
      .map((c: { value: string }) => c.value);
    expect(added.join('')).toContain('publikasi hasil pelatihan');
    await actOk(drafter, id, { action: 'resubmit', version: 2 });
    const { status } = await approveAll(id, 'pks', 2);
    expect(status).toBe('ready_to_sign');
    const history = await as(drafter)('GET', `/api/agreements/${id}/history`);
    const request = history.json.events.find((e: { action: string }) => e.action === 'request_changes');
    expect(request).toMatchObject({ article: 'scope', version: 1, actor: { role: 'biro_staff' } });
    expect(history.json.chainIntact).toBe(true);
  });

  it('lets exactly one of 50 concurrent approvals win; the others get 409 naming who decided', async () => {
    const id = await draft('pks');
    await actOk(DRAFTER.pks.username, id, { action: 'submit', version: 1 });
    await actOk(DRAFTER.pks.head, id, { action: 'endorse', version: 1 });
    const biro = as('biro.staf');
    await biro('GET', '/api/inbox');
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        biro('POST', `/api/agreements/${id}/actions`, { action: 'approve', version: 1 }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.json.message.en).toMatch(/Already decided by Galih Pramudya \(biro_staff\) at \d{4}-/);
    }
    const history = await biro('GET', `/api/agreements/${id}/history`);
    expect(history.json.events.filter((e: { action: string }) => e.action === 'approve')).toHaveLength(1);
    expect(history.json.chainIntact).toBe(true);
  });

  it('refuses the wrong person with 403 saying who may act, and a stale version with 409', async () => {
    const id = await draft('pks');
    await actOk(DRAFTER.pks.username, id, { action: 'submit', version: 1 });
    const before = (await as('biro.staf')('GET', `/api/agreements/${id}`)).json;
    const wrongUnit = await as('dispar.kepala')('POST', `/api/agreements/${id}/actions`, {
      action: 'endorse',
      version: 1,
    });
    expect(wrongUnit.status).toBe(404);
    const wrongRole = await as('sekda')('POST', `/api/agreements/${id}/actions`, {
      action: 'approve',
      version: 1,
    });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.json.message.en).toBe('Only Head of OPD of DISDIK may act now');
    const evaluator = await as('evaluator')('POST', `/api/agreements/${id}/actions`, {
      action: 'approve',
      version: 1,
    });
    expect(evaluator.status).toBe(403);
    const stale = await as(DRAFTER.pks.head)('POST', `/api/agreements/${id}/actions`, {
      action: 'endorse',
      version: 2,
    });
    expect(stale.status).toBe(409);
    const decidedTwice = await as(DRAFTER.pks.username)('POST', `/api/agreements/${id}/actions`, {
      action: 'submit',
      version: 1,
    });
    expect(decidedTwice.status).toBe(409);
    const after = (await as('biro.staf')('GET', `/api/agreements/${id}`)).json;
    expect(after.workflow).toEqual(before.workflow);
    expect(after.lastEvent).toEqual(before.lastEvent);
  });

  it('answers a role that already acted with 403 at a step it cannot take, and 409 only for its own decided step', async () => {
    const id = await draft('mou');
    const url = `/api/agreements/${id}/actions`;
    // Who holds which step of the foreign MoU's route (DISPAR), and who decides it in this test.
    const held: Record<string, { step: string; stage: number; kind: string }[]> = {
      'dispar.kepala': [{ step: 'opd-endorse', stage: 1, kind: 'endorse' }],
      'biro.staf': [
        { step: 'biro-review', stage: 2, kind: 'review' },
        { step: 'central-consult', stage: 4, kind: 'consult' },
      ],
      'biro.kepala': [{ step: 'biro-head-review', stage: 3, kind: 'review' }],
      sekda: [{ step: 'sekda-initial', stage: 5, kind: 'initial' }],
    };
    const names: Record<string, string> = {
      'dispar.kepala': 'Sekar Ayuningtyas, S.E., M.M. (opd_head)',
      'biro.staf': 'Galih Pramudya (biro_staff)',
      'biro.kepala': 'Ratna Kusumawardhani (biro_head)',
      sekda: 'Ir. Wisnu Hadikusumo, M.T. (sekda)',
    };
    const holders = ['dispar.kepala', 'biro.staf', 'biro.kepala', 'biro.staf', 'sekda'];
    const mayAct = [
      'Head of OPD of DISPAR',
      'Cooperation Bureau staff',
      'Head of the Cooperation Bureau',
      'Cooperation Bureau staff',
      'Regional Secretary',
    ];
    const completes = (action: string, kind: string) => action === 'approve' || action === kind;
    const users = [
      'dispar.penyusun',
      'dispar.kepala',
      'biro.staf',
      'biro.kepala',
      'sekda',
      'gubernur',
      'evaluator',
    ];
    await actOk(DRAFTER.mou.username, id, { action: 'submit', version: 1 });
    for (let stage = 1; stage <= 5; stage++) {
      const before = (await as('biro.staf')('GET', `/api/agreements/${id}`)).json.lastEvent;
      for (const username of users.filter((u) => u !== holders[stage - 1])) {
        for (const action of ['approve', 'endorse', 'initial']) {
          const res = await as(username)('POST', url, { action, version: 1 });
          const own = (held[username] ?? [])
            .filter((h) => h.stage < stage && completes(action, h.kind))
            .at(-1);
          const what = `${username} ${action} at stage ${stage}: ${JSON.stringify(res.json)}`;
          if (own) {
            expect(res.status, what).toBe(409);
            expect(res.json.message.en, what).toMatch(
              new RegExp(
                `^Already decided by ${names[username]?.replace(/[.()]/g, '\\$&')} at \\S+ \\(step "${own.step}"\\)`,
              ),
            );
            expect(res.json.details.step).toBe(own.step);
          } else {
            expect(res.status, what).toBe(403);
            expect(res.json.message.en, what).toBe(`Only ${mayAct[stage - 1]} may act now`);
          }
        }
      }
      expect((await as('biro.staf')('GET', `/api/agreements/${id}`)).json.lastEvent).toEqual(before);
      await actOk(holders[stage - 1] as string, id, {
        action: 'approve',
        version: 1,
        ...(stage === 4 ? { letter: LETTER } : {}),
      });
    }
  });

  it('keeps each OPD to its own agreements and evaluators to reading', async () => {
    const id = await draft('pks');
    const other = as('dispar.penyusun');
    expect((await other('GET', `/api/agreements/${id}`)).status).toBe(404);
    expect((await other('GET', `/api/agreements/${id}/history`)).status).toBe(404);
    const list = await other('GET', '/api/agreements?limit=100');
    expect(
      list.json.items.every((a: { initiatingUnit: { code: string } }) => a.initiatingUnit.code === 'DISPAR'),
    ).toBe(true);
    expect((await other('GET', '/api/agreements?unit=DISDIK')).status).toBe(403);
    const evaluator = as('evaluator');
    expect((await evaluator('GET', `/api/agreements/${id}`)).status).toBe(200);
    expect((await evaluator('POST', '/api/agreements', sampleFor('pks'))).status).toBe(403);
    expect((await evaluator('POST', `/api/agreements/${id}/versions`, sampleFor('pks'))).status).toBe(403);
    expect((await evaluator('PUT', '/api/routes/PKS/KSDPK', { steps: [] })).status).toBe(403);
  });

  it('answers 401 to a missing, expired or forged token', async () => {
    const anonymous = apiAs(stack, undefined);
    expect((await anonymous('GET', '/api/inbox')).status).toBe(401);
    const expired = await stack.token('biro.staf', Math.floor(Date.now() / 1000) - 60);
    const valid = await stack.token('biro.staf');
    const [header, payload, signature] = valid.split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString('base64url')}.${signature}`;
    const forgedKey = new TextEncoder().encode('not-the-local-key-not-the-local-key');
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(forgedKey);
    for (const token of [expired, tampered, forged, 'garbage']) {
      const res = await fetch(`${stack.baseUrl}/api/inbox`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(401);
    }
    const users = await anonymous('GET', '/api/auth/dev-users');
    expect(users.json.users.map((u: { role: string }) => u.role)).toEqual(
      expect.arrayContaining([
        'opd_drafter',
        'opd_head',
        'biro_staff',
        'biro_head',
        'sekda',
        'kepala_daerah',
        'evaluator',
        'admin',
      ]),
    );
    const login = await anonymous('POST', '/api/auth/dev-login', { username: 'sekda' });
    const inbox = await fetch(`${stack.baseUrl}/api/inbox`, {
      headers: { authorization: `Bearer ${login.json.token}` },
    });
    expect(inbox.status).toBe(200);
  });

  it('lets an admin change a route, which applies to drafts submitted afterwards', async () => {
    const before = await draft('pks');
    await actOk(DRAFTER.pks.username, before, { action: 'submit', version: 1 });
    const admin = as('admin');
    const route = await admin('GET', '/api/routes/PKS/KSDPK');
    expect(route.json.version).toBe(0);
    const steps = route.json.steps.filter((s: { id: string }) => s.id !== 'biro-head-review');
    const renumbered = steps.map((s: { stage: number }) => ({
      ...s,
      stage: s.stage > 3 ? s.stage - 1 : s.stage,
    }));
    const put = await admin('PUT', '/api/routes/PKS/KSDPK', { steps: renumbered });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    expect(put.json.version).toBe(1);
    const [logged] = (await admin('GET', '/api/admin/log?limit=1')).json.items;
    expect(logged).toMatchObject({
      action: 'route.update',
      target: { kind: 'route', id: 'PKS/KSDPK' },
      actor: { role: 'admin' },
      before: { version: 0 },
      after: { version: 1, steps: renumbered },
    });
    const bad = await admin('PUT', '/api/routes/PKS/KSDPK', { steps: [{ ...renumbered[0], stage: 3 }] });
    expect(bad.status).toBe(400);
    const after = await draft('pks');
    await actOk(DRAFTER.pks.username, after, { action: 'submit', version: 1 });
    const old = (await admin('GET', `/api/agreements/${before}`)).json.workflow.route;
    const fresh = (await admin('GET', `/api/agreements/${after}`)).json.workflow.route;
    expect(old.steps.map((s: { id: string }) => s.id)).toContain('biro-head-review');
    expect(fresh.steps.map((s: { id: string }) => s.id)).not.toContain('biro-head-review');
    expect(fresh.version).toBe(1);
    // The route as read names the agreements under way that keep the earlier version.
    const kept = (await admin('GET', '/api/routes/PKS/KSDPK')).json.onEarlierVersions as {
      id: string;
      routeVersion: number;
      status: string;
    }[];
    expect(kept.find((a) => a.id === before)).toMatchObject({ routeVersion: 0, status: 'in_review' });
    expect(kept.map((a) => a.id)).not.toContain(after);
    expect(kept.every((a) => a.routeVersion !== 1)).toBe(true);
    // Restore the default so that the other tests' routes stay as the brief describes.
    await admin('PUT', '/api/routes/PKS/KSDPK', { steps: route.json.steps });
  });

  it('notifies the users who must act through the outbox', async () => {
    const id = await draft('pks');
    await actOk(DRAFTER.pks.username, id, { action: 'submit', version: 1 });
    const outbox = await as(DRAFTER.pks.head)('GET', '/api/outbox');
    const message = outbox.json.items.find((m: { agreementId: string }) => m.agreementId === id);
    expect(message.to).toEqual({ role: 'opd_head', unit: 'DISDIK' });
    expect(message.recipients).toEqual(['anggoro@disdik.example.go.id']);
    expect(message.subject).toMatch(/menunggu tindakan/);
  });

  it('shows a broken chain when a stored event is altered', async () => {
    const id = await draft('pks');
    await actOk(DRAFTER.pks.username, id, { action: 'submit', version: 1 });
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    await db.send(
      new UpdateCommand({
        TableName: stack.env.TABLE_NAME,
        Key: { pk: `AGR#${id}`, sk: 'EVENT#000001' },
        UpdateExpression: 'SET #a.#n = :n',
        ExpressionAttributeNames: { '#a': 'actor', '#n': 'name' },
        ExpressionAttributeValues: { ':n': 'Someone Else' },
      }),
    );
    const history = await as('biro.staf')('GET', `/api/agreements/${id}/history`);
    expect(history.json).toMatchObject({ chainIntact: false, brokenAt: 1 });
  });
});
