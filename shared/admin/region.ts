import * as z from 'zod';
import { plainText } from '../form/text.js';
import type { EmblemType } from './emblem.js';
import { nipSchema } from './user.js';

/** Provinsi, kabupaten or kota: the level names the head of region's office. */
export const REGION_LEVELS = ['provinsi', 'kabupaten', 'kota'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const HEAD_TITLES: Record<RegionLevel, { id: string; en: string }> = {
  provinsi: { id: 'Gubernur', en: 'Governor' },
  kabupaten: { id: 'Bupati', en: 'Regent' },
  kota: { id: 'Wali Kota', en: 'Mayor' },
};

/** A name or position in both languages: the profile serves Indonesian-only and bilingual documents. */
const bilingual = (max: number) => z.object({ id: plainText(max), en: plainText(max) });

/** An official of the region: the head of region or the Sekda. */
export const officialSchema = z.object({
  name: plainText(200),
  nip: nipSchema,
  position: bilingual(300),
  /**
   * On what basis the official signs, printed after the position ("berdasarkan Keputusan Presiden
   * Nomor …"); optional.
   */
  authority: bilingual(500).optional(),
});
export type Official = z.infer<typeof officialSchema>;

/** What the administrator sets (PUT /api/region): everything but the emblem, which is uploaded. */
export const regionProfileInputSchema = z.object({
  name: bilingual(300),
  level: z.enum(REGION_LEVELS),
  head: officialSchema,
  sekda: officialSchema,
  bureau: bilingual(300),
  address: plainText(500),
});
export type RegionProfileInput = z.infer<typeof regionProfileInputSchema>;

/** The emblem as kept: the file uploaded and the PNG the documents print (the same file for a PNG). */
export interface RegionEmblem {
  key: string;
  contentType: EmblemType;
  sha256: string;
  size: number;
  /** A PNG: what the PDF and DOCX embed. An SVG is drawn as one when it is accepted. */
  print: { key: string; sha256: string };
}

/** The region's profile as stored under its own id: one deployment may later serve several regions. */
export interface RegionProfile extends RegionProfileInput {
  regionId: string;
  emblem?: RegionEmblem;
  updatedAt: string;
  updatedBy: { sub: string; name: string };
}

/** What GET /api/region answers: the profile with its head's title and a short-lived emblem link. */
export type RegionView =
  | { configured: false }
  | (Omit<RegionProfile, 'emblem'> & {
      configured: true;
      headTitle: { id: string; en: string };
      emblem?: { url: string; contentType: EmblemType; sha256: string };
    });

/** The profile's editable fields, as the admin log records them before and after a change. */
export const editableFields = (p: RegionProfile): RegionProfileInput => ({
  name: p.name,
  level: p.level,
  head: p.head,
  sekda: p.sekda,
  bureau: p.bureau,
  address: p.address,
});
