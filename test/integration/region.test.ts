import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { adminLog } from '../../functions/wiring/admin.js';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { DynamoAgreements } from '../../shared/adapters/aws/dynamo-agreements.js';
import { DynamoAuditEvents } from '../../shared/adapters/aws/dynamo-audit-events.js';
import { DynamoAgreementChanges } from '../../shared/adapters/aws/dynamo-changes.js';
import { DynamoRegionProfiles, DynamoUnitRegistry } from '../../shared/adapters/aws/dynamo-region.js';
import { DynamoTemplateCatalog } from '../../shared/adapters/aws/dynamo-templates.js';
import { S3FileStore } from '../../shared/adapters/aws/s3-file-store.js';
import { unstage } from '../../shared/adapters/aws/staged.js';
import { Table } from '../../shared/adapters/aws/table.js';
import { RegionAdmin } from '../../shared/admin/region-admin.js';
import { Drafting } from '../../shared/agreement/drafting.js';
import { svgToPng } from '../../shared/documents/svg-raster.js';
import { ValidationError } from '../../shared/errors.js';
import type { Identity } from '../../shared/identity/identity.js';
import { systemClock } from '../../shared/ports/clock.js';
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { emblemPng, encodePng } from '../support/png.js';
import { sampleFor, unitName } from '../support/samples.js';
import { apiAs } from './support/api.js';
import { postForm } from './support/journey.js';
import { useEmbeddedStack } from './support/stack.js';

const stack = useEmbeddedStack();
const as = (username: string) => apiAs(stack, username);
const admin = () => as('admin');
const others = DEMO_USERS.filter((u) => u.role !== 'admin').map((u) => u.username);
const s3 = () => new S3Client({ forcePathStyle: true });

const EMBLEM_SVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 120">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#c00"/><stop offset="1" stop-color="#600"/></linearGradient>
  <path id="star" d="M50 20 L58 45 L85 45 L63 60 L71 85 L50 70 L29 85 L37 60 L15 45 L42 45 Z"/></defs>
  <rect x="5" y="5" width="90" height="110" rx="10" fill="url(#g)"/>
  <use xlink:href="#star" fill="#fc0"/>
  <text x="50" y="108" font-size="9" text-anchor="middle" fill="#fff">JAWA TENGAH</text>
</svg>`;

/** Asks for the emblem's upload form, POSTs the file as a browser would, and asks for it to be accepted. */
async function uploadEmblem(bytes: Uint8Array | string, contentType: string, fileType = contentType) {
  const ticket = await admin()('POST', '/api/region/emblem', { contentType });
  expect(ticket.status, JSON.stringify(ticket.json)).toBe(201);
  const posted = await postForm(ticket.json, bytes, fileType);
  return {
    ticket: ticket.json,
    posted,
    accept: () => admin()('PUT', '/api/region/emblem', { key: ticket.json.key }),
  };
}

/** The text of a stored PDF as poppler's pdftotext reads it, and its images as pdfimages lists them. */
async function readPdf(url: string): Promise<{ text: string; images: { width: number; height: number }[] }> {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const dir = mkdtempSync(join(tmpdir(), 'region-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const list = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
    const images = list
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[2] === 'image')
      .map((cols) => ({ width: Number(cols[3]), height: Number(cols[4]) }));
    return { text, images };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the region profile', () => {
  it('is read by every signed-in user, with the head of region’s title from the level', async () => {
    for (const username of [...others, 'admin']) {
      const res = await as(username)('GET', '/api/region');
      expect(res.status, username).toBe(200);
      expect(res.json).toMatchObject({
        configured: true,
        regionId: 'demo',
        level: 'provinsi',
        headTitle: { id: 'Gubernur', en: 'Governor' },
        name: { id: 'Pemerintah Provinsi Jawa Tengah' },
      });
    }
    expect((await as(undefined as unknown as string)('GET', '/api/region')).status).toBe(401);
  });

  it('is changed by the admin only, through the admin log with before and after', async () => {
    const current = (await admin()('GET', '/api/region')).json;
    const body = {
      name: current.name,
      level: 'provinsi',
      head: { ...current.head, name: 'Drs. Bramantyo Adiwinata, M.Si.' },
      sekda: current.sekda,
      bureau: current.bureau,
      address: current.address,
    };
    for (const username of others) {
      const refused = await as(username)('PUT', '/api/region', body);
      expect(refused.status, username).toBe(403);
    }
    const res = await admin()('PUT', '/api/region', body);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.head.name).toBe('Drs. Bramantyo Adiwinata, M.Si.');
    expect(res.json.updatedBy).toEqual({ sub: 'u-admin', name: 'Admin Sistem' });
    const log = await admin()('GET', '/api/admin/log?limit=1');
    expect(log.json.items[0]).toMatchObject({
      action: 'region.update',
      target: { kind: 'region', id: 'demo' },
      before: { head: { name: current.head.name } },
      after: { head: { name: 'Drs. Bramantyo Adiwinata, M.Si.' } },
    });
    // The same profile again changes nothing and logs nothing.
    await admin()('PUT', '/api/region', body);
    expect((await admin()('GET', '/api/admin/log?limit=1')).json.items[0].seq).toBe(log.json.items[0].seq);
  });

  it('refuses a bad NIP, an unknown level and a missing English name, naming each field', async () => {
    const current = (await admin()('GET', '/api/region')).json;
    const res = await admin()('PUT', '/api/region', {
      name: { id: current.name.id },
      level: 'desa',
      head: { ...current.head, nip: '1234' },
      sekda: current.sekda,
      bureau: current.bureau,
      address: current.address,
    });
    expect(res.status).toBe(400);
    expect(res.json.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'head.nip',
      'level',
      'name.en',
    ]);
    expect(res.json.issues.find((i: { path: string }) => i.path === 'head.nip').message.en).toMatch(
      /18 digits/,
    );
    expect((await admin()('GET', '/api/region')).json.head.nip).toBe(current.head.nip);
  });

  it('answers configured: false before the region is set up, and takes no emblem then', async () => {
    const table = new Table(stack.env.TABLE_NAME as string);
    const files = new S3FileStore(stack.env.DOCUMENTS_BUCKET as string);
    const empty = new RegionAdmin({
      log: adminLog(),
      clock: systemClock,
      regionId: 'not-set-up',
      profiles: new DynamoRegionProfiles(table),
      files,
      emblemForm: async () => ({ url: '', fields: {} }),
      rasterize: svgToPng,
    });
    expect(await empty.view()).toEqual({ configured: false });
    const user = DEMO_USERS.find((u) => u.role === 'admin') as (typeof DEMO_USERS)[number];
    await expect(
      empty.acceptEmblem(user, { key: 'region/not-set-up/uploads/01J00000000000000000000000.png' }),
    ).rejects.toMatchObject({ name: 'ConflictError' });
  });
});

describe('the region emblem', () => {
  it('takes an SVG after parsing it, shows it with a 5-minute link, and prints it for a first party left out', async () => {
    const { posted, accept } = await uploadEmblem(EMBLEM_SVG, 'image/svg+xml');
    expect(posted.status, await posted.clone().text()).toBe(204);
    const res = await accept();
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const sha = (await import('../../shared/hash.js')).sha256(new TextEncoder().encode(EMBLEM_SVG));
    expect(res.json.emblem).toMatchObject({ contentType: 'image/svg+xml', sha256: sha });
    const shown = await as('disdik.penyusun')('GET', '/api/region');
    const url = new URL(shown.json.emblem.url);
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBe(300);
    expect(await (await fetch(url)).text()).toBe(EMBLEM_SVG);

    const form = sampleFor('pks');
    form.parties[0] = null;
    const created = await as('disdik.penyusun')('POST', '/api/agreements', form);
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.agreement.form.parties[0]).toEqual({
      name: { id: 'Pemerintah Provinsi Jawa Tengah' },
      country: 'ID',
      signatory: { name: 'Drs. Bramantyo Adiwinata, M.Si.', position: { id: 'Gubernur Jawa Tengah' } },
      address: 'Jl. Pahlawan No. 9, Semarang 50243',
    });
    // The version keeps which emblem it printed: the SVG's PNG, whatever the profile holds later.
    const version = await new DynamoAgreements(new Table(stack.env.TABLE_NAME as string)).getVersion(
      created.json.id,
      1,
    );
    const profile = await new DynamoRegionProfiles(new Table(stack.env.TABLE_NAME as string)).get('demo');
    expect(version?.regionEmblem).toEqual(profile?.emblem?.print);
    expect(version?.regionEmblem?.key).toMatch(/^region\/demo\/emblem\/\w+\/print\.png$/);
    const pdf = await readPdf(created.json.links.pdf);
    expect(pdf.text).toContain('Drs. Bramantyo Adiwinata, M.Si.');
    expect(pdf.text).toMatch(/Pemerintah Provinsi Jawa\s+Tengah/);
    // The SVG drawn as a PNG 600 pixels tall (its 100:120 viewBox: 500 wide) is the page's one image.
    expect(pdf.images).toEqual([{ width: 500, height: 600 }]);
  });

  it('takes a PNG as it is', async () => {
    const png = emblemPng(240);
    const { accept } = await uploadEmblem(png, 'image/png');
    const res = await accept();
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.emblem.contentType).toBe('image/png');
    const log = await admin()('GET', '/api/admin/log?limit=1');
    expect(log.json.items[0]).toMatchObject({
      action: 'region.emblem',
      before: { contentType: 'image/svg+xml' },
      after: { contentType: 'image/png', sha256: res.json.emblem.sha256, size: png.length },
    });
    const form = sampleFor('mou');
    form.parties[0] = { documentNumber: '119/0042/KS/2026' };
    const created = await as('dispar.penyusun')('POST', '/api/agreements', form);
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const first = created.json.agreement.form.parties[0];
    // A bilingual document gets both languages of the profile; what the client gave stays.
    expect(first).toMatchObject({
      name: { id: 'Pemerintah Provinsi Jawa Tengah', en: 'Provincial Government of Central Java' },
      signatory: { position: { id: 'Gubernur Jawa Tengah', en: 'Governor of Central Java' } },
      documentNumber: '119/0042/KS/2026',
    });
    const pdf = await readPdf(created.json.links.pdf);
    expect(pdf.text).toContain('119/0042/KS/2026');
    expect(pdf.images).toEqual([{ width: 240, height: 240 }]);
  });

  it.each([
    ['a script', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', /<script>/],
    ['an onload handler', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', /onload/],
    [
      'an external image',
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><image x:href="https://example.com/a.png"/></svg>',
      /refers outside the file/,
    ],
    [
      'an entity',
      '<!DOCTYPE svg [<!ENTITY e "x">]><svg xmlns="http://www.w3.org/2000/svg"><text>&e;</text></svg>',
      /DOCTYPE/,
    ],
  ])('refuses an SVG with %s with the reason, and keeps the emblem it had', async (_, svg, reason) => {
    const before = (await admin()('GET', '/api/region')).json.emblem.sha256;
    const { posted, accept } = await uploadEmblem(svg, 'image/svg+xml');
    expect(posted.status).toBe(204);
    const res = await accept();
    expect(res.status).toBe(400);
    expect(res.json.issues[0].path).toBe('file');
    expect(res.json.issues[0].message.en).toMatch(reason);
    expect((await admin()('GET', '/api/region')).json.emblem.sha256).toBe(before);
  });

  it('refuses a PNG sent as an SVG, a file over 1 MB, an unknown key and a key never uploaded', async () => {
    const before = (await admin()('GET', '/api/region')).json.emblem.sha256;
    const disguised = await uploadEmblem(emblemPng(), 'image/svg+xml');
    const res = await disguised.accept();
    expect(res.status).toBe(400);
    expect(res.json.issues[0].message.en).toMatch(/not an SVG file/);

    // S3 refuses the POST itself: the form's policy binds the size.
    const large = encodePng({
      width: 900,
      height: 900,
      colorType: 2,
      pixel: (x, y) => [(x * 7919 + y * 104729) % 251, (x * y) % 253, (x + y * 31) % 255],
    });
    expect(large.length).toBeGreaterThan(1024 * 1024);
    const tooLarge = await uploadEmblem(large, 'image/png');
    expect(tooLarge.posted.status).toBe(400);
    expect(await tooLarge.posted.text()).toContain('EntityTooLarge');
    expect((await tooLarge.accept()).json.issues[0].message.en).toMatch(/no file has been uploaded/);
    // Written past the form (with the stack's own credentials): the API reads the size and refuses it.
    await s3().send(
      new PutObjectCommand({
        Bucket: stack.env.DOCUMENTS_BUCKET,
        Key: tooLarge.ticket.key,
        Body: large,
        ContentType: 'image/png',
      }),
    );
    const past = await tooLarge.accept();
    expect(past.status).toBe(400);
    expect(past.json.issues[0].message.en).toMatch(/too large: at most 1 MB/);

    for (const key of ['agreements/x/v1/a.pdf', 'region/demo/uploads/../../agreements/x.png', 42]) {
      const wrong = await admin()('PUT', '/api/region/emblem', { key });
      expect(wrong.status, String(key)).toBe(400);
      expect(wrong.json.issues[0].path).toBe('key');
    }
    const unknownType = await admin()('POST', '/api/region/emblem', { contentType: 'image/gif' });
    expect(unknownType.status).toBe(400);
    expect(unknownType.json.issues[0].path).toBe('contentType');
    expect((await admin()('GET', '/api/region')).json.emblem.sha256).toBe(before);
  });

  it.each(others)('is not uploaded nor accepted by %s', async (username) => {
    expect((await as(username)('POST', '/api/region/emblem', { contentType: 'image/png' })).status).toBe(403);
    expect(
      (await as(username)('PUT', '/api/region/emblem', { key: 'region/demo/uploads/x.png' })).status,
    ).toBe(403);
  });
});

describe('the units', () => {
  it('are created once: a duplicate code is a 409 naming it', async () => {
    const body = { code: 'DISHUB', name: { id: 'Dinas Perhubungan', en: 'Transport Office' } };
    const created = await admin()('POST', '/api/admin/units', body);
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json).toMatchObject({ ...body, active: true });
    const again = await admin()('POST', '/api/admin/units', { ...body, name: { id: 'Lain', en: 'Other' } });
    expect(again.status).toBe(409);
    expect(again.json.message.en).toContain('"DISHUB"');
    expect(again.json.details).toEqual({ code: 'DISHUB' });
    const bad = await admin()('POST', '/api/admin/units', {
      code: 'dishub kota',
      name: { id: 'x' },
      head: { name: 'A', nip: '12' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'code',
      'head.nip',
      'name.en',
    ]);
  });

  it('are listed and searched, inactive ones only when asked, a page at a time', async () => {
    const all = await admin()('GET', '/api/admin/units?includeInactive=true');
    expect(all.json.items.map((u: { code: string }) => u.code)).toEqual(
      [...all.json.items.map((u: { code: string }) => u.code)].sort(),
    );
    const found = await admin()('GET', '/api/admin/units?q=pariwisata');
    expect(found.json.items.map((u: { code: string }) => u.code)).toEqual(['DISPAR']);
    const first = await admin()('GET', '/api/admin/units?limit=1');
    expect(first.json.items).toHaveLength(1);
    const second = await admin()('GET', `/api/admin/units?limit=1&cursor=${first.json.nextCursor}`);
    expect(second.json.items[0].code > first.json.items[0].code).toBe(true);
    expect((await admin()('GET', '/api/admin/units?cursor=bogus')).status).toBe(400);
    // Everyone signed in reads the active units' names.
    const names = await as('disdik.penyusun')('GET', '/api/units?limit=100');
    expect(names.status).toBe(200);
    expect(names.json.items).toContainEqual({
      code: 'DISDIK',
      name: { id: unitName('DISDIK'), en: expect.any(String) },
      active: true,
    });
    expect(names.json.items[0]).not.toHaveProperty('head');
  });

  it('are deactivated only without agreements in progress, which the 409 lists; drafts for them are refused', async () => {
    const draft = await as('dispar.penyusun')('POST', '/api/agreements', sampleFor('loi'));
    expect(draft.status).toBe(201);
    const refused = await admin()('PATCH', '/api/admin/units/DISPAR', { active: false });
    expect(refused.status).toBe(409);
    expect(refused.json.details.agreements).toContainEqual({
      id: draft.json.id,
      title: draft.json.agreement.title,
      status: 'draft',
    });
    expect((await admin()('GET', '/api/admin/units?q=dispar')).json.items[0].active).toBe(true);

    const off = await admin()('PATCH', '/api/admin/units/DINKES', { active: false });
    expect(off.status, JSON.stringify(off.json)).toBe(200);
    expect(off.json.active).toBe(false);
    expect((await admin()('GET', '/api/admin/units?q=dinkes')).json.items).toEqual([]);
    expect((await admin()('GET', '/api/admin/units?q=dinkes&includeInactive=true')).json.items).toHaveLength(
      1,
    );
    const log = await admin()('GET', '/api/admin/log?limit=1');
    expect(log.json.items[0]).toMatchObject({
      action: 'unit.deactivate',
      target: { kind: 'unit', id: 'DINKES' },
      before: { active: true },
      after: { active: false },
    });
    expect((await admin()('PATCH', '/api/admin/units/DINKES', { active: true })).json.active).toBe(true);
    expect((await admin()('PATCH', '/api/admin/units/NOSUCH', { active: false })).status).toBe(404);
    expect((await admin()('PATCH', '/api/admin/units/DINKES', {})).status).toBe(400);
  });

  it('refuse a form for an unknown or inactive unit with a 400 naming the field', async () => {
    const unknown = sampleFor('pks');
    unknown.initiatingUnit.code = 'BOGUS';
    const res = await as('disdik.penyusun')('POST', '/api/agreements', unknown);
    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([
      {
        path: 'initiatingUnit.code',
        message: expect.objectContaining({ en: expect.stringMatching(/not a unit/) }),
      },
    ]);
    await admin()('POST', '/api/admin/units', { code: 'DISPORA', name: { id: 'Dinas Pemuda', en: 'Youth' } });
    await admin()('PATCH', '/api/admin/units/DISPORA', { active: false });
    unknown.initiatingUnit.code = 'DISPORA';
    const inactive = await as('disdik.penyusun')('POST', '/api/agreements', unknown);
    expect(inactive.status).toBe(400);
    expect(inactive.json.issues[0].message.en).toMatch(/deactivated/);
  });

  it('deactivated while a draft is being written, refuse that draft: the unit is checked in its transaction', async () => {
    await admin()('POST', '/api/admin/units', {
      code: 'DISDIK2',
      name: { id: 'Dinas Dua', en: 'Office Two' },
    });
    const table = new Table(stack.env.TABLE_NAME as string);
    const registry = new DynamoUnitRegistry(table);
    const agreements = new DynamoAgreements(table);
    let reads = 0;
    const service = new Drafting({
      changes: new DynamoAgreementChanges(table),
      events: new DynamoAuditEvents(table),
      files: new S3FileStore(stack.env.DOCUMENTS_BUCKET as string),
      clock: systemClock,
      agreements,
      templates: new DynamoTemplateCatalog(table, BUILTIN_TEMPLATES),
      region: {
        regionId: 'demo',
        profiles: new DynamoRegionProfiles(table),
        units: {
          // The form is completed while the unit is active; the admin deactivates it right after.
          get: async (regionId, code) => {
            const unit = await registry.get(regionId, code);
            if (reads++ === 0 && unit) {
              await table.write(unstage(registry.updateWrite(regionId, { ...unit, active: false }, unit)));
            }
            return unit;
          },
        },
      },
    });
    const form = sampleFor('pks');
    form.initiatingUnit = { code: 'DISDIK2' };
    const drafter = {
      ...(DEMO_USERS.find((u) => u.username === 'disdik.penyusun') as Identity),
      unit: 'DISDIK2',
    };
    const error = await service.create(form, drafter).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      {
        path: 'initiatingUnit.code',
        message: expect.objectContaining({ en: expect.stringMatching(/deactivated/) }),
      },
    ]);
    expect(await agreements.inProgress('DISDIK2', 10)).toEqual([]);
  });

  it('renamed, keep their old name on the agreements drafted before', async () => {
    const before = await as('disdik.penyusun')('POST', '/api/agreements', sampleFor('pks'));
    const renamed = await admin()('PATCH', '/api/admin/units/DISDIK', {
      name: { id: 'Dinas Pendidikan', en: 'Education Office' },
      head: null,
    });
    expect(renamed.status, JSON.stringify(renamed.json)).toBe(200);
    expect(renamed.json).not.toHaveProperty('head');
    try {
      const after = await as('disdik.penyusun')('POST', '/api/agreements', sampleFor('pks'));
      expect(after.json.agreement.initiatingUnit.name).toBe('Dinas Pendidikan');
      const old = await as('disdik.penyusun')('GET', `/api/agreements/${before.json.id}`);
      expect(old.json.initiatingUnit.name).toBe(unitName('DISDIK'));
    } finally {
      await admin()('PATCH', '/api/admin/units/DISDIK', {
        name: { id: unitName('DISDIK'), en: 'Education and Culture Office' },
      });
    }
  });

  it.each(others)('are administered by no one but the admin: %s gets 403', async (username) => {
    const as_ = as(username);
    expect((await as_('GET', '/api/admin/units')).status).toBe(403);
    expect((await as_('POST', '/api/admin/units', { code: 'X1', name: { id: 'x', en: 'x' } })).status).toBe(
      403,
    );
    expect((await as_('PATCH', '/api/admin/units/DISDIK', { active: false })).status).toBe(403);
  });
});
