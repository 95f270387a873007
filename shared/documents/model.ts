/**
 * The rendered agreement, independent of output format: what the PDF and DOCX renderers draw.
 * Every block is one aligned row: Indonesian in the left column, English in the right one
 * (or Indonesian across the full width for a single-language document).
 * All strings are literal text: renderers never interpret markup. A '\n' is a line break.
 */
export type Language = 'id' | 'en';

/** Text in the document's languages; `en` is present exactly when the document is bilingual. */
export interface BiText {
  id: string;
  en?: string;
}

export type Block = BlockContent & {
  /** Which part of the agreement the block belongs to (an article key, "opening", …), for comparisons. */
  section?: string;
};

type BlockContent =
  /** Document title lines: centred, bold, larger. */
  | { kind: 'title'; text: BiText }
  /** Centred normal text: number lines, "Pasal 1 / Article 1". */
  | { kind: 'center'; text: BiText }
  /** Centred bold article heading. */
  | { kind: 'heading'; text: BiText }
  /** Justified body paragraph. */
  | { kind: 'paragraph'; text: BiText }
  /** List item with a hanging label ("1.", "a."): the text wraps under itself, not under the label. */
  | { kind: 'item'; label: string; text: BiText }
  /** Vertical gap of about one line. */
  | { kind: 'spacer' }
  /** Signature blocks for all parties, two per row, spanning both columns. */
  | { kind: 'signatures'; parties: SignatureBlock[] };

/** A raster image: PNG, or a JPEG in grey or RGB (PDF/A with an sRGB output intent allows no CMYK). */
export interface Image {
  contentType: 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
}

export interface Emblem {
  party: number;
  image: Image;
  /** Read by screen readers: "Lambang Pemerintah Provinsi Jawa Tengah". */
  alt: BiText;
}

export interface SignatureBlock {
  /** "UNTUK PEMERINTAH PROVINSI JAWA TENGAH" / "FOR THE PROVINCIAL GOVERNMENT OF CENTRAL JAVA". */
  for: BiText;
  /** As written in the form; printed in capitals with its titles as written (see names.ts). */
  name: string;
  position: BiText;
  /** A box for the stamp duty (meterai) beside the signature: a domestic PKS, first party. */
  meterai?: boolean;
}

/** A party as the whole document refers to it: paraf boxes and metadata. */
export interface PartyMark {
  /** "PIHAK PERTAMA" / "FIRST PARTY". */
  label: BiText;
  name: BiText;
}

/** The blank area a rendered PDF leaves for a party's signature, in PDF points; page is 0-based. */
export interface SignatureBox {
  party: number;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DocumentModel {
  languages: readonly Language[];
  /** Printed in every page footer. */
  documentNumber: string;
  /** Document metadata title (PDF /Title, DOCX core properties). */
  title: string;
  templateId: string;
  templateVersion: number;
  /** Every party, in order: each initials (paraf) every page but the signature page. Absent: no paraf row. */
  parties?: PartyMark[];
  /** The parties' emblems side by side, centred at the top of page one. */
  emblems?: Emblem[];
  /** When the version was drafted (ISO 8601): the files' creation dates. Absent, the files carry none. */
  issuedAt?: string;
  blocks: Block[];
}

export const isBilingual = (doc: DocumentModel): boolean => doc.languages.includes('en');
