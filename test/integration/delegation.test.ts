import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { DynamoAgreements } from '../../shared/adapters/aws/dynamo-agreements.js';
import { DynamoAuditEvents } from '../../shared/adapters/aws/dynamo-audit-events.js';
import { DynamoAgreementChanges } from '../../shared/adapters/aws/dynamo-changes.js';
import { DynamoDelegations } from '../../shared/adapters/aws/dynamo-delegations.js';
import { DynamoRegisterStore } from '../../shared/adapters/aws/dynamo-register.js';
import { DynamoRouteStore } from '../../shared/adapters/aws/dynamo-routes.js';
import { DynamoTemplateCatalog } from '../../shared/adapters/aws/dynamo-templates.js';
import { S3FileStore } from '../../shared/adapters/aws/s3-file-store.js';
import { Table } from '../../shared/adapters/aws/table.js';
import { httpRevocationFetcher } from '../../shared/adapters/http-revocation.js';
import { LocalSigningKeys } from '../../shared/adapters/local/local-signing-keys.js';
import { HttpTimestampAuthorities } from '../../shared/adapters/tsa/http-timestamp-authorities.js';
import { regionDay } from '../../shared/calendar.js';
import type { Delegation } from '../../shared/delegation/delegation.js';
import type { Identity } from '../../shared/identity/identity.js';
import { systemClock } from '../../shared/ports/clock.js';
import { SigningService } from '../../shared/signing/service.js';
import type { AuditEvent } from '../../shared/workflow/audit.js';
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { pdfsig } from '../support/pdfsig.js';
import { pdftotext } from '../support/poppler-text.js';
import { DRAFTER, sampleFor } from '../support/samples.js';
import { apiAs } from './support/api.js';
import { useEmbeddedStack } from './support/stack.js';
import { stored } from './support/stored.js';

const stack = useEmbeddedStack();
const { rootPem, download } = stored(stack);
const as = (username: string) => apiAs(stack, username);
const demo = (username: string) => DEMO_USERS.find((u) => u.username === username) as Identity;
const admin = demo('admin');
const sekda = demo('sekda');
const biroHead = demo('biro.kepala');
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const table = () => new Table(stack.env.TABLE_NAME as string);

const DAY = 86_400_000;
const day = (offset: number) => regionDay(new Date(Date.now() + offset * DAY));

/** POST /api/admin/delegations as the admin: the delegation made (201), or the answer. */
async function delegate(body: Record<string, unknown>, expected = 201) {
  const res = await as('admin')('POST', '/api/admin/delegations', body);
  expect(res.status, JSON.stringify(res.json)).toBe(expected);
  return res;
}
const made = async (body: Record<string, unknown>): Promise<Delegation> => (await delegate(body)).json;

async function end(id: string, reason: string, expected = 200) {
  const res = await as('admin')('POST', `/api/admin/delegations/${id}/end`, { reason });
  expect(res.status, JSON.stringify(res.json)).toBe(expected);
  return res.json;
}

async function actOk(username: string, id: string, body: Record<string, unknown>) {
  const res = await as(username)('POST', `/api/agreements/${id}/actions`, body);
  expect(res.status, `${username} ${body.action}: ${JSON.stringify(res.json)}`).toBe(200);
}

/** A PKS routed up to `until` (the Sekda's initial, or the signing step). */
async function routed(until: 'sekda' | 'signing'): Promise<string> {
  const created = await as(DRAFTER.pks.username)('POST', '/api/agreements', sampleFor('pks'));
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const id = created.json.id as string;
  await actOk(DRAFTER.pks.username, id, { action: 'submit', version: 1 });
  await actOk(DRAFTER.pks.head, id, { action: 'endorse', version: 1 });
  await actOk('biro.staf', id, { action: 'approve', version: 1 });
  await actOk('biro.kepala', id, { action: 'approve', version: 1 });
  if (until === 'signing') await actOk('sekda', id, { action: 'initial', version: 1 });
  return id;
}

const lastEvent = async (id: string): Promise<AuditEvent> =>
  (await as('biro.staf')('GET', `/api/agreements/${id}/history`)).json.events.at(-1);

/** The signed PDF's block and pdfsig agree with the audit event: who signed, and for whom. */
async function expectAgreement(pdf: Uint8Array, event: AuditEvent) {
  const text = pdftotext(pdf);
  for (const line of event.onBehalfOf?.officialForm ?? []) expect(text).toContain(line);
  expect(text).toContain(event.actor.name);
  const [signature] = await pdfsig(pdf, rootPem());
  expect(signature).toMatchObject({ signer: event.actor.name, valid: true, trusted: true });
}

describe('delegations', () => {
  it('lets the Sekda sign a.n. the head of region: block, pdfsig and audit event agree', async () => {
    const id = await routed('signing');
    const refused = await as('sekda')('POST', `/api/agreements/${id}/sign`, { version: 1 });
    expect(refused.status).toBe(403);

    const mandate = await made({
      kind: 'an',
      office: 'kepala_daerah',
      delegate: sekda.sub,
      from: day(-1),
      to: day(1),
      reason: 'Kepala daerah menugaskan Sekda menandatangani kerja sama rutin',
    });
    expect(mandate).toMatchObject({ kind: 'an', delegate: { id: sekda.sub, name: sekda.name } });
    // The Sekda finds the head's signing step in their inbox, and the view says they act for the head.
    const inbox = (await as('sekda')('GET', '/api/inbox')).json.items;
    expect(inbox.find((i: { agreementId: string }) => i.agreementId === id)).toMatchObject({
      stepId: 'head-sign',
      role: 'kepala_daerah',
      actingFor: { delegationId: mandate.id, kind: 'an', office: 'kepala_daerah' },
    });
    expect((await as('sekda')('GET', `/api/agreements/${id}`)).json.acting).toEqual([mandate]);
    expect((await as('gubernur')('GET', `/api/agreements/${id}`)).json.acting).toBeUndefined();

    // a.n. is for signing only: the Sekda still initials as the Sekda, never as the head.
    const other = await routed('sekda');
    const initialled = await as('sekda')('POST', `/api/agreements/${other}/actions`, {
      action: 'initial',
      version: 1,
    });
    expect(initialled.status).toBe(200);
    expect((await lastEvent(other)).onBehalfOf).toBeUndefined();

    const signed = await as('sekda')('POST', `/api/agreements/${id}/sign`, { version: 1 });
    expect(signed.status, JSON.stringify(signed.json)).toBe(200);
    const event = await lastEvent(id);
    expect(event).toMatchObject({
      action: 'sign',
      actor: { sub: sekda.sub, name: sekda.name, role: 'sekda' },
      onBehalfOf: {
        delegationId: mandate.id,
        kind: 'an',
        office: 'kepala_daerah',
        title: 'Gubernur Jawa Tengah',
        officialForm: ['a.n. GUBERNUR JAWA TENGAH', 'Sekretaris Daerah'],
      },
    });
    const pdf = await download(signed.json.signedDocument.key);
    await expectAgreement(pdf, event);
    // The block reads in the official order: the form, then the signer's name.
    expect(pdftotext(pdf, 'raw')).toMatch(
      new RegExp(`a\\.n\\. GUBERNUR JAWA TENGAH\\s+Sekretaris Daerah\\s+${literal(sekda.name)}`),
    );

    // The head may still sign in person during an a.n. mandate.
    const byHead = await routed('signing');
    const headSigned = await as('gubernur')('POST', `/api/agreements/${byHead}/sign`, { version: 1 });
    expect(headSigned.status).toBe(200);
    expect((await lastEvent(byHead)).onBehalfOf).toBeUndefined();
  }, 180_000);

  it('names the office by its role while the region has no profile: a.n. KEPALA DAERAH', async () => {
    const id = await routed('signing');
    const t = table();
    const service = new SigningService({
      changes: new DynamoAgreementChanges(t),
      events: new DynamoAuditEvents(t),
      files: new S3FileStore(stack.env.DOCUMENTS_BUCKET as string),
      clock: systemClock,
      agreements: new DynamoAgreements(t),
      routes: new DynamoRouteStore(t),
      templates: new DynamoTemplateCatalog(t, BUILTIN_TEMPLATES),
      register: new DynamoRegisterStore(t),
      regionId: stack.env.REGION_ID as string,
      delegations: new DynamoDelegations(t),
      profiles: { get: async () => undefined },
      transport: {
        kind: 'hash',
        keys: new LocalSigningKeys(stack.env.LOCAL_CA_DIR as string, stack.baseUrl),
        passphrase: false,
      },
      revocation: httpRevocationFetcher,
      timestamps: new HttpTimestampAuthorities([stack.env.TSA_URLS as string], { timeoutMs: 5000 }),
      publicBaseUrl: stack.baseUrl,
    });
    const { agreement, event } = await service.sign(id, sekda, { version: 1 });
    expect(event.onBehalfOf?.officialForm).toEqual(['a.n. KEPALA DAERAH', 'Sekretaris Daerah']);
    const pdf = await download(agreement.signedDocument?.key as string);
    await expectAgreement(pdf, event);

    // Ended, the mandate no longer lets the Sekda sign.
    const listed = await as('admin')('GET', `/api/admin/delegations?activeOn=${day(0)}`);
    const [mandate] = listed.json.items as Delegation[];
    expect(mandate).toMatchObject({ kind: 'an', delegate: { id: sekda.sub } });
    await end((mandate as Delegation).id, 'Kepala daerah kembali bertugas');
    const next = await routed('signing');
    expect((await as('sekda')('POST', `/api/agreements/${next}/sign`, { version: 1 })).status).toBe(403);
  }, 120_000);

  it('refuses overlapping periods for one office, unknown or disabled delegates, and bad dates', async () => {
    const plh = await made({
      kind: 'plh',
      office: 'kepala_daerah',
      delegate: biroHead.sub,
      from: day(30),
      to: day(40),
      reason: 'Kepala daerah cuti',
    });
    expect(plh).toMatchObject({ createdBy: { sub: admin.sub }, delegate: { name: biroHead.name } });
    const attempt = (body: Record<string, unknown>, expected: number) =>
      delegate(
        {
          kind: 'plt',
          office: 'kepala_daerah',
          delegate: biroHead.sub,
          from: day(35),
          to: day(50),
          reason: 'uji',
          ...body,
        },
        expected,
      );
    const overlap = await attempt({}, 409);
    expect(overlap.json.message.en).toContain(`overlaps Plh. ${biroHead.name} (${plh.from} – ${plh.to})`);
    expect(overlap.json.details.delegation.id).toBe(plh.id);
    const mandates = await attempt({ kind: 'an', from: day(-1), to: day(2) }, 409);
    expect(mandates.json.message.en).toContain(`overlaps a.n. ${sekda.name}`);
    // Another office, the day after, or an a.n. mandate beside a Plh.: no overlap.
    expect((await attempt({ office: 'sekda' }, 201)).json.office).toBe('sekda');
    expect((await attempt({ from: day(41), to: day(45) }, 201)).json.kind).toBe('plt');
    expect(
      (await attempt({ kind: 'an', from: day(32), to: day(33), delegate: sekda.sub }, 201)).json.kind,
    ).toBe('an');
    const issues = async (body: Record<string, unknown>) =>
      (await attempt({ from: day(70), to: day(71), ...body }, 400)).json.issues;
    expect(await issues({ delegate: 'nobody' })).toEqual([
      { path: 'delegate', message: expect.objectContaining({ en: 'is not a user of this region' }) },
    ]);
    const evaluator = demo('evaluator');
    const disabled = await as('admin')('PATCH', `/api/admin/users/${evaluator.sub}`, { enabled: false });
    expect(disabled.status, JSON.stringify(disabled.json)).toBe(200);
    expect(await issues({ delegate: evaluator.sub })).toEqual([
      { path: 'delegate', message: expect.objectContaining({ en: expect.stringContaining('disabled') }) },
    ]);
    expect((await issues({ to: day(69) })).map((i: { path: string }) => i.path)).toEqual(['to']);
    expect((await issues({ kind: 'pj' })).map((i: { path: string }) => i.path)).toEqual(['kind']);
    expect((await issues({ office: 'biro_head' })).map((i: { path: string }) => i.path)).toEqual(['office']);
    expect((await issues({ from: '2026-02-30' })).map((i: { path: string }) => i.path)).toContain('from');

    const active = await as('admin')('GET', `/api/admin/delegations?activeOn=${day(36)}`);
    expect(active.json.items.map((d: Delegation) => d.kind).sort()).toEqual(['plh', 'plt']);
    const all = await as('admin')('GET', '/api/admin/delegations');
    expect(all.json.items.length).toBeGreaterThanOrEqual(5);
    expect((await as('admin')('GET', '/api/admin/delegations?activeOn=kemarin')).status).toBe(400);
    const log = (await as('admin')('GET', '/api/admin/log?limit=100')).json;
    const created = log.items.filter((e: { action: string }) => e.action === 'delegation.create');
    expect(created.find((e: { target: { id: string } }) => e.target.id === plh.id)).toMatchObject({
      target: { kind: 'delegation', id: plh.id },
      after: { kind: 'plh', from: plh.from, to: plh.to },
    });
    expect(log.chainIntact).toBe(true);
  });

  it('during a Plt. the delegate acts as the head and the head does not, until the Plt. ends', async () => {
    const id = await routed('signing');
    const plt = await made({
      kind: 'plt',
      office: 'kepala_daerah',
      delegate: biroHead.sub,
      from: day(0),
      to: day(20),
      reason: 'Kepala daerah diberhentikan sementara',
    });
    const head = await as('gubernur')('POST', `/api/agreements/${id}/sign`, { version: 1 });
    expect(head.status).toBe(403);
    expect(head.json.message.en).toBe(`Only Plt. Head of Region (${biroHead.name}) may act now`);
    const signed = await as('biro.kepala')('POST', `/api/agreements/${id}/sign`, { version: 1 });
    expect(signed.status, JSON.stringify(signed.json)).toBe(200);
    const event = await lastEvent(id);
    expect(event.onBehalfOf).toMatchObject({ kind: 'plt', officialForm: ['Plt. GUBERNUR JAWA TENGAH'] });
    await expectAgreement(await download(signed.json.signedDocument.key), event);

    const ended = await end(plt.id, 'Kepala daerah aktif kembali');
    expect(ended.to < day(0)).toBe(true);
    expect(ended.ended).toMatchObject({ reason: 'Kepala daerah aktif kembali', plannedTo: plt.to });
    await end(plt.id, 'lagi', 409);
    await end('01JBZZZZZZZZZZZZZZZZZZZZZZ', 'tidak ada', 404);
    const next = await routed('signing');
    expect((await as('biro.kepala')('POST', `/api/agreements/${next}/sign`, { version: 1 })).status).toBe(
      403,
    );
    expect((await as('gubernur')('POST', `/api/agreements/${next}/sign`, { version: 1 })).status).toBe(200);
  }, 180_000);

  it('lets a Plh. Sekda initial for the Sekda, recorded as such', async () => {
    const plh = await made({
      kind: 'plh',
      office: 'sekda',
      delegate: demo('biro.staf').sub,
      from: day(0),
      to: day(0),
      reason: 'Sekda dinas luar',
    });
    const id = await routed('sekda');
    await actOk('biro.staf', id, { action: 'initial', version: 1 });
    expect((await lastEvent(id)).onBehalfOf).toMatchObject({
      delegationId: plh.id,
      kind: 'plh',
      office: 'sekda',
      officialForm: ['Plh. SEKRETARIS DAERAH PROVINSI JAWA TENGAH'],
    });
    await end(plh.id, 'selesai');
  }, 120_000);
});
