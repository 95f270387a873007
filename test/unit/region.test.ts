import { describe, expect, it } from 'vitest';
import demoRegion from '../../infra/local/seed/demo-region.json' with { type: 'json' };
import { emblemProblem, MAX_REGION_EMBLEM_BYTES, svgProblem } from '../../shared/admin/emblem.js';
import type { RegionProfile } from '../../shared/admin/region.js';
import { regionProfileInputSchema } from '../../shared/admin/region.js';
import { unitCreateSchema, unitPatchSchema } from '../../shared/admin/unit.js';
import { completeForm, firstPartyFrom } from '../../shared/agreement/first-party.js';
import { parsePng } from '../../shared/documents/png.js';
import { svgToPng } from '../../shared/documents/svg-raster.js';
import { ValidationError } from '../../shared/errors.js';
import { emblemPng, encodePng } from '../support/png.js';
import { sampleFor } from '../support/samples.js';

const svg = (body: string, attributes = '') =>
  new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg" ${attributes}>${body}</svg>`);

const profile: RegionProfile = {
  ...regionProfileInputSchema.parse(demoRegion.region),
  regionId: 'demo',
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: { sub: 'seed', name: 'seed' },
};

describe('an SVG emblem', () => {
  it('is accepted as a static drawing, with gradients, local references, text and editor metadata', () => {
    const drawing = svg(
      `<sodipodi:namedview id="base"/><metadata><rdf:RDF><cc:Work rdf:about=""/></rdf:RDF></metadata>
       <defs><linearGradient id="g"><stop offset="0" stop-color="#c00"/></linearGradient><path id="p" d="M0 0h10v10z"/></defs>
       <style>.a { fill: url(#g) }</style>
       <rect class="a" width="10" height="10" style="fill: url('#g')"/><use xlink:href="#p"/><text>JATENG</text>`,
      `xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
       xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#" viewBox="0 0 10 10"`,
    );
    expect(svgProblem(drawing)).toBeUndefined();
  });

  it.each([
    ['a script', svg('<script>alert(1)</script>'), /<script>/],
    [
      'a script under another prefix',
      svg('<s:script>alert(1)</s:script>', 'xmlns:s="http://www.w3.org/2000/svg"'),
      /<script>/,
    ],
    [
      'an XHTML script',
      svg('<h:script>alert(1)</h:script>', 'xmlns:h="http://www.w3.org/1999/xhtml"'),
      /another namespace/,
    ],
    ['onload', svg('', 'onload="alert(1)"'), /onload/],
    ['an event handler in any case', svg('<rect OnClick="alert(1)"/>'), /OnClick/],
    [
      'foreignObject',
      svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'),
      /foreignObject/,
    ],
    ['an external href', svg('<use href="https://example.com/a.svg#x"/>'), /refers outside the file/],
    [
      'an xlink:href to http',
      svg('<image xlink:href="http://example.com/a.png"/>', 'xmlns:xlink="http://www.w3.org/1999/xlink"'),
      /refers outside the file/,
    ],
    ['a javascript: link', svg('<a href="javascript:alert(1)"><rect/></a>'), /<a>/],
    ['an animation that sets an href', svg('<set attributeName="href" to="javascript:alert(1)"/>'), /<set>/],
    [
      'an external url() in CSS',
      svg('<style>rect { fill: url(https://example.com/x) }</style>'),
      /refers outside/,
    ],
    ['an @import', svg('<style>@import "https://example.com/x.css";</style>'), /@import/],
    ['a CSS escape', svg('<rect style="fill: u\\72l(https://example.com/x)"/>'), /escapes/],
    [
      'a DOCTYPE',
      new TextEncoder().encode('<!DOCTYPE svg><svg xmlns="http://www.w3.org/2000/svg"/>'),
      /DOCTYPE/,
    ],
    [
      'entities (a billion laughs)',
      new TextEncoder().encode(
        '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
      ),
      /DOCTYPE/,
    ],
    ['an undeclared entity', svg('<text>&xxe;</text>'), /well-formed/],
    [
      'a stylesheet instruction',
      new TextEncoder().encode(
        '<?xml-stylesheet href="https://example.com/a.css"?><svg xmlns="http://www.w3.org/2000/svg"/>',
      ),
      /xml-stylesheet/,
    ],
    [
      'reuse that multiplies',
      svg('<g id="a"><use href="#b"/><use href="#b"/></g><use href="#a"/><use href="#a"/>'),
      /multiplies/,
    ],
    [
      'a root that is not SVG',
      new TextEncoder().encode('<html><script>alert(1)</script></html>'),
      /root is not <svg>/,
    ],
    ['broken XML', svg('<g>'), /well-formed/],
    ['a PNG named SVG', emblemPng(), /not UTF-8/],
  ])('is refused with %s', (_, bytes, reason) => {
    expect(svgProblem(bytes)?.en).toMatch(reason);
    expect(emblemProblem(bytes, 'image/svg+xml')?.en).toMatch(reason);
  });

  it('is drawn as a PNG 600 pixels tall, text included, and a banner is refused', async () => {
    const png = await svgToPng(
      svg('<circle cx="5" cy="5" r="5"/><text y="9">A</text>', 'viewBox="0 0 10 12"'),
    );
    expect(parsePng(png)).toMatchObject({ width: 500, height: 600 });
    await expect(svgToPng(svg('', 'width="300" height="10"'))).rejects.toMatchObject({
      name: 'RasterError',
      message: expect.stringMatching(/as wide as tall/),
    });
  });
});

describe('a PNG emblem', () => {
  const png = emblemPng(64);

  it('is accepted when it reads to the end', () => {
    expect(emblemProblem(png, 'image/png')).toBeUndefined();
  });

  it.each([
    ['a wrong signature', Uint8Array.from([0x88, ...png.subarray(1)]), /not a PNG/],
    ['a truncated file', png.subarray(0, png.length - 20), /truncated|incomplete/],
    ['a damaged chunk', Uint8Array.from(png, (b, i) => (i === 40 ? b ^ 0xff : b)), /damaged/],
    ['an SVG named PNG', svg(''), /not a PNG/],
    ['nothing', new Uint8Array(), /empty/],
    [
      'absurd dimensions',
      encodePng({ width: 3000, height: 1, colorType: 0, pixel: () => [0] }),
      /1–2000 pixels/,
    ],
  ])('is refused with %s', (_, bytes, reason) => {
    expect(emblemProblem(bytes, 'image/png')?.en).toMatch(reason);
  });

  it('is refused over 1 MB, before it is parsed', () => {
    const large = new Uint8Array(2 * 1024 * 1024);
    large.set(png);
    expect(large.length).toBeGreaterThan(MAX_REGION_EMBLEM_BYTES);
    expect(emblemProblem(large, 'image/png')?.en).toMatch(/too large: at most 1 MB/);
  });
});

describe('the region profile and unit schemas', () => {
  it('accept the demo region and name each field at fault', () => {
    expect(regionProfileInputSchema.safeParse(demoRegion.region).success).toBe(true);
    const bad = regionProfileInputSchema.safeParse({
      ...demoRegion.region,
      level: 'desa',
      sekda: { ...demoRegion.region.sekda, nip: '19680730199403100X' },
      bureau: { id: '<b>Biro</b>', en: 'Bureau' },
    });
    expect(bad.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'bureau.id',
      'level',
      'sekda.nip',
    ]);
  });

  it('take a unit code of 2–20 capitals or digits, both names, a head with an 18-digit NIP', () => {
    expect(unitCreateSchema.safeParse({ code: 'BAPPEDA', name: { id: 'x', en: 'y' } }).success).toBe(true);
    for (const code of ['D', 'dinkes', 'DINAS KESEHATAN', 'A'.repeat(21)]) {
      expect(unitCreateSchema.safeParse({ code, name: { id: 'x', en: 'y' } }).success, code).toBe(false);
    }
    expect(unitPatchSchema.safeParse({}).success).toBe(false);
    expect(unitPatchSchema.safeParse({ head: null }).success).toBe(true);
  });
});

describe('a form without its first party', () => {
  const units = {
    get: async (_: string, code: string) =>
      ({
        DISDIK: { code, name: { id: 'Dinas Pendidikan', en: 'Education Office' }, active: true },
        OLD: { code, name: { id: 'Lama', en: 'Old' }, active: false },
      })[code] as never,
  };
  const deps = (p?: RegionProfile) => ({ regionId: 'demo', profiles: { get: async () => p }, units });

  it('gets the region as first party, in the document’s languages, keeping what the client gave', () => {
    const indonesian = firstPartyFrom(profile, { documentNumber: '1/2026' }, ['id']);
    expect(indonesian).toEqual({
      documentNumber: '1/2026',
      name: { id: 'Pemerintah Provinsi Jawa Tengah' },
      country: 'ID',
      signatory: { name: profile.head.name, position: { id: 'Gubernur Jawa Tengah' } },
      address: profile.address,
    });
    const withAuthority = {
      ...profile,
      head: { ...profile.head, authority: { id: 'berdasarkan X', en: 'under X' } },
    };
    expect(firstPartyFrom(withAuthority, null, ['id', 'en']).signatory.authority).toEqual({
      id: 'berdasarkan X',
      en: 'under X',
    });
  });

  it('is completed and checked as a whole; the unit is named as the registry names it', async () => {
    const form = sampleFor('pks');
    form.parties[0] = null;
    form.initiatingUnit = { code: 'DISDIK' };
    const done = await completeForm(deps(profile), form);
    expect(done.form.initiatingUnit).toEqual({ code: 'DISDIK', name: 'Dinas Pendidikan' });
    expect(done.form.parties[0]?.signatory.name).toBe(profile.head.name);
    expect(done.regionEmblem).toBeUndefined();
    const withEmblem = {
      ...profile,
      emblem: {
        key: 'region/demo/emblem/a/emblem.svg',
        contentType: 'image/svg+xml' as const,
        sha256: 'a'.repeat(64),
        size: 10,
        print: { key: 'region/demo/emblem/a/print.png', sha256: 'b'.repeat(64) },
      },
    };
    expect((await completeForm(deps(withEmblem), form)).regionEmblem?.key).toBe(
      'region/demo/emblem/a/print.png',
    );
  });

  it('is refused, naming the field, without a profile, for an unknown or inactive unit, or without parties', async () => {
    const form = sampleFor('pks');
    form.parties[0] = null;
    form.initiatingUnit.code = 'DISDIK';
    const issues = async (d: ReturnType<typeof deps>, f: unknown) => {
      const error = await completeForm(d, f).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).issues.map((i) => i.path);
    };
    expect(await issues(deps(), form)).toEqual(['parties[0]']);
    expect(await issues(deps(profile), { ...form, initiatingUnit: { code: 'NONE' } })).toEqual([
      'initiatingUnit.code',
    ]);
    expect(await issues(deps(profile), { ...form, initiatingUnit: { code: 'OLD' } })).toEqual([
      'initiatingUnit.code',
    ]);
    expect(await issues(deps(profile), { ...form, parties: [null] })).toEqual(['parties']);
    // A first party that contradicts the document (English text in an Indonesian-only one) is still checked.
    expect(
      await issues(deps(profile), { ...form, parties: [{ name: { id: 'A', en: 'B' } }, form.parties[1]] }),
    ).toEqual(['parties[0].name.en']);
  });
});
