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

export interface SignatureBlock {
  /** "UNTUK PEMERINTAH PROVINSI JAWA TENGAH" / "FOR THE PROVINCIAL GOVERNMENT OF CENTRAL JAVA". */
  for: BiText;
  /** Printed in capitals under the space left for the signature. */
  name: string;
  position: BiText;
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
  blocks: Block[];
}

export const isBilingual = (doc: DocumentModel): boolean => doc.languages.includes('en');
