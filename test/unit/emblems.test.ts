import { beforeAll, describe, expect, it } from 'vitest';
import { composeDocument } from '../../shared/documents/compose.js';
import type { DocumentModel } from '../../shared/documents/model.js';
import { renderPdf } from '../../shared/documents/pdf.js';
import { ValidationError } from '../../shared/errors.js';
import {
  MAX_EMBLEM_BYTES,
  MAX_EMBLEMS_TOTAL_BYTES,
  parseAgreementForm,
} from '../../shared/form/agreement-form.js';
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { flatten, structure } from '../support/pdf-layout.js';
import { base64, emblemPng, encodePng } from '../support/png.js';
import { inkIn, rasterise } from '../support/raster.js';
import { sample } from '../support/samples.js';

const disc = (size: number) => (x: number, y: number) =>
  Math.hypot(x - size / 2, y - size / 2) < size / 2 - 1;

/** The same round emblem in each PNG colour type the renderer embeds differently. */
const VARIANTS = {
  'RGB with alpha': emblemPng(64),
  'grey with alpha': encodePng({
    width: 64,
    height: 64,
    colorType: 4,
    pixel: (x, y) => (disc(64)(x, y) ? [40, 255] : [255, 0]),
  }),
  'palette with transparency': encodePng({
    width: 64,
    height: 64,
    colorType: 3,
    palette: [
      [255, 255, 255],
      [10, 80, 20],
    ],
    transparency: [0, 255],
    pixel: (x, y) => [disc(64)(x, y) ? 1 : 0],
  }),
  'RGB, opaque': encodePng({
    width: 64,
    height: 64,
    colorType: 2,
    pixel: (x, y) => (disc(64)(x, y) ? [20, 20, 160] : [255, 255, 255]),
  }),
  'grey, opaque': encodePng({
    width: 64,
    height: 64,
    colorType: 0,
    pixel: (x, y) => [disc(64)(x, y) ? 0 : 255],
  }),
};

/** Noise does not compress: images of it stay as large as their pixels. */
let state = 2463534242;
const noise = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state & 0xff;
};

function issuesOf(form: unknown) {
  try {
    parseAgreementForm(form);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  return [];
}

const withEmblem = (data: string) => {
  const form = sample('mou');
  form.parties[1].emblem = { contentType: 'image/png', data };
  return form;
};

describe('an emblem in the form', () => {
  it.each(Object.entries(VARIANTS))('accepts a PNG, %s', (_, png) => {
    const form = parseAgreementForm(withEmblem(base64(png)));
    expect(form.parties[1]?.emblem?.contentType).toBe('image/png');
  });

  const damagedCrc = () => {
    const png = emblemPng(32);
    png[20] = (png[20] as number) ^ 0xff;
    return png;
  };
  const truncatedData = () => {
    const png = emblemPng(32);
    return png.subarray(0, png.length - 40);
  };
  const interlaced = encodePng({ width: 8, height: 8, colorType: 0, interlace: true, pixel: () => [0] });
  const huge = encodePng({
    width: 1000,
    height: 200,
    colorType: 2,
    pixel: () => [noise(), noise(), noise()],
  });

  it.each([
    ['JPEG bytes', base64(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8])), /not a PNG/],
    ['text that is not base64', 'lambang.png', /PNG file in base64/],
    ['a damaged chunk', base64(damagedCrc()), /damaged \(CRC/],
    ['a truncated file', base64(truncatedData()), /truncated|incomplete/],
    ['an interlaced PNG', base64(interlaced), /interlaced/],
    ['a file over the limit', base64(huge), new RegExp(`at most ${MAX_EMBLEM_BYTES / 1024} KB`)],
    ['a huge image', base64(encodePng({ width: 2400, height: 1, colorType: 0, pixel: () => [0] })), /pixels/],
  ])('refuses %s with a message a clerk can act on, in both languages', (_, data, message) => {
    if (message.source.includes('KB')) expect(huge.length).toBeGreaterThan(MAX_EMBLEM_BYTES);
    const issue = issuesOf(withEmblem(data)).find((i) => i.path === 'parties[1].emblem.data');
    expect(issue?.message.en).toMatch(message);
    expect(issue?.message.id).not.toBe(issue?.message.en);
  });

  it('refuses emblems that together would not fit with the form in one stored version', () => {
    const form = sample('mou');
    form.parties.push(
      ...[1, 2].map((n) => ({
        name: { id: `Kota Mitra ${n}`, en: `Partner City ${n}` },
        country: 'AU',
        signatory: { name: `Wali Kota ${n}`, position: { id: 'Wali Kota', en: 'Mayor' } },
      })),
    );
    // Each under the limit of one emblem, together over the limit of all.
    const big = encodePng({ width: 300, height: 60, colorType: 2, pixel: () => [noise(), noise(), noise()] });
    expect(big.length).toBeLessThan(MAX_EMBLEM_BYTES);
    expect(3 * big.length).toBeGreaterThan(MAX_EMBLEMS_TOTAL_BYTES);
    for (const party of form.parties.slice(1)) party.emblem = { contentType: 'image/png', data: base64(big) };
    const issue = issuesOf(form).find((i) => i.path === 'parties');
    expect(issue?.message.en).toMatch(/together must be at most 128 KB/);
    expect(issue?.message.id).toMatch(/bersama-sama/);
    form.parties[3].emblem = undefined;
    expect(issuesOf(form)).toEqual([]);
  });

  it('accepts only PNG as its type', () => {
    const form = withEmblem(base64(emblemPng(16)));
    form.parties[1].emblem.contentType = 'image/svg+xml';
    expect(issuesOf(form).map((i) => i.path)).toContain('parties[1].emblem.contentType');
  });
});

describe('emblems in the PDF', () => {
  let doc: DocumentModel;
  let pdf: Uint8Array;

  beforeAll(async () => {
    const form = parseAgreementForm(sample('pks'));
    const base = composeDocument(form, BUILTIN_TEMPLATES.PKS, { documentNumber: 'E/1' });
    doc = {
      ...base,
      emblems: Object.values(VARIANTS).map((bytes, party) => ({
        party,
        image: { contentType: 'image/png', bytes },
        alt: { id: `Lambang pihak ${party + 1}` },
      })),
    };
    pdf = (await renderPdf(doc)).bytes;
  });

  it('draws each colour type at the top of page one, transparency kept transparent (rasterised)', () => {
    const raster = rasterise(pdf, 1, 72);
    const height = 841.89;
    // Five emblems 56 points tall, 24 apart, centred: each disc inked, the corners of each square white.
    const width = 5 * 56 + 4 * 24;
    let x = 68 + (471.28 - width) / 2;
    for (let i = 0; i < 5; i++) {
      const box = { x0: x, x1: x + 56, y0: height - 56 - 56, y1: height - 56 };
      const centre = { x0: box.x0 + 18, x1: box.x1 - 18, y0: box.y0 + 18, y1: box.y1 - 18 };
      const corner = { x0: box.x0, x1: box.x0 + 8, y0: box.y1 - 8, y1: box.y1 };
      expect(inkIn(raster, height, centre), `emblem ${i + 1}`).toBeGreaterThan(300);
      expect(inkIn(raster, height, corner), `corner of emblem ${i + 1}`).toBe(0);
      x += 56 + 24;
    }
  });

  it('tags each emblem as a figure with its alternative text', async () => {
    const [first] = await structure(pdf);
    const figures = flatten(first as never).filter((n) => n.role === 'Figure');
    expect(figures.map((f) => f.alt)).toEqual([1, 2, 3, 4, 5].map((n) => `Lambang pihak ${n}`));
  });
});

describe('composing emblems', () => {
  const form = () => parseAgreementForm(withEmblem(base64(emblemPng(20))));
  const compose = (emblems: { party: number; image: { bytes: Uint8Array; contentType: string } }[]) =>
    composeDocument(form(), BUILTIN_TEMPLATES.MOU, { documentNumber: 'X', emblems });

  it('takes the region profile’s emblem over the form’s for the same party, and names each party in its alt text', () => {
    const region = emblemPng(30);
    const doc = compose([{ party: 1, image: { bytes: region, contentType: 'image/png' } }]);
    expect(doc.emblems).toHaveLength(1);
    expect(doc.emblems?.[0]?.image.bytes).toBe(region);
    expect(doc.emblems?.[0]?.alt).toEqual({
      id: 'Lambang Pemerintah Negara Bagian Queensland, Australia',
      en: 'Emblem of The State Government of Queensland, Australia',
    });
  });

  it('refuses an image it cannot embed and a party that does not exist', () => {
    expect(() =>
      compose([{ party: 0, image: { bytes: new Uint8Array(), contentType: 'image/svg+xml' } }]),
    ).toThrow(/PNG or JPEG/);
    expect(() => compose([{ party: 7, image: { bytes: emblemPng(8), contentType: 'image/png' } }])).toThrow(
      /party 7/,
    );
  });
});
