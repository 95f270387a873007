import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { fontkitFor, loadFaces } from '../documents/fonts.js';
import type { ChangesAfter } from '../pdf/changes.js';
import type { Indication, ReportedSignature } from './report.js';

/** What a verification report PDF states: the file, its archive match, and each signature's verdict. */
export interface VerificationReportContent {
  sha256: string;
  /** Which of an archived agreement's files this is, if any. */
  copy: 'uploaded' | 'archived' | 'renewed' | null;
  /** The archived agreement's title and number, when the file is (or was made from) one. */
  agreement?: { title: string; documentNumber?: string };
  checkedAt: string;
  signatures: ReportedSignature[];
}

const COPIES = {
  archived: 'identik byte demi byte dengan salinan yang diarsipkan / byte-identical to the archived copy',
  renewed:
    'identik byte demi byte dengan salinan arsip yang cap waktunya diperbarui / byte-identical to the archived copy with a renewed timestamp',
  uploaded:
    'berkas bertanda tangan yang diunggah, asal salinan arsip (tanpa cap waktu arsip) / the signed file uploaded, which the archived copy was made from (without the archive’s timestamp)',
  none: 'tidak identik dengan salinan arsip mana pun / not identical to any archived copy',
};

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const WIDTH = PAGE.width - 2 * MARGIN;

const INDICATIONS: Record<Indication, string> = {
  TOTAL_PASSED: 'LULUS / PASSED',
  INDETERMINATE: 'BELUM DAPAT DIPASTIKAN / INDETERMINATE',
  TOTAL_FAILED: 'GAGAL / FAILED',
};

const SUB_INDICATIONS: Record<string, string> = {
  FORMAT_FAILURE: 'struktur tanda tangan rusak / the signature is malformed',
  HASH_FAILURE: 'isi yang ditandatangani telah berubah / the signed content was altered',
  SIG_CRYPTO_FAILURE: 'nilai tanda tangan tidak sah / the signature value does not verify',
  REVOKED: 'sertifikat dicabut sebelum penandatanganan / the certificate was revoked before signing',
  NOT_YET_VALID: 'sertifikat belum berlaku saat itu / the certificate was not yet valid',
  NO_CERTIFICATE_CHAIN_FOUND:
    'sertifikat tidak berantai ke akar tepercaya / the certificate does not chain to a trusted root',
  REVOKED_NO_POE:
    'sertifikat dicabut dan tidak ada bukti waktu sebelumnya / the certificate is revoked and no proof of existence precedes it',
  OUT_OF_BOUNDS_NO_POE:
    'sertifikat kedaluwarsa tanpa bukti waktu / the certificate expired and no proof of existence precedes that',
  TRY_LATER: 'status pencabutan belum tersedia / revocation status not available yet',
};

const CHANGES: Record<ChangesAfter['kind'], string> = {
  none: 'tidak ada / none',
  signatures: 'hanya tanda tangan, cap waktu, data validasi / signatures, time-stamps, validation data only',
  'form-fields': 'isian formulir / form fields',
  annotations: 'anotasi / annotations',
  content: 'isi halaman / page content',
};

const time = (iso: string | null | undefined) => (iso ? `${iso.replace('T', ' ').slice(0, 19)} UTC` : '—');

/** Lines of text broken to fit a width, at a font and size. */
function breakLines(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
    // A word longer than the line (a hash) is cut where it overflows.
    while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The signatures' verdicts as the bilingual report a clerk files or a partner receives. */
export async function renderVerificationReport(content: VerificationReportContent): Promise<Uint8Array> {
  const faces = await loadFaces();
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkitFor(faces) as never);
  const [regular, bold] = await Promise.all([
    pdf.embedFont(faces.regular.bytes, { subset: true }),
    pdf.embedFont(faces.bold.bytes, { subset: true }),
  ]);
  pdf.setTitle('Laporan Verifikasi Tanda Tangan / Signature Verification Report');
  pdf.setCreationDate(new Date(content.checkedAt));
  let page: PDFPage = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN;
  const write = (
    text: string,
    options: { font?: PDFFont; size?: number; indent?: number; gap?: number } = {},
  ) => {
    const font = options.font ?? regular;
    const size = options.size ?? 9;
    const indent = options.indent ?? 0;
    for (const line of breakLines(text, font, size, WIDTH - indent)) {
      if (y - size < MARGIN) {
        page = pdf.addPage([PAGE.width, PAGE.height]);
        y = PAGE.height - MARGIN;
      }
      page.drawText(line, { x: MARGIN + indent, y: y - size, font, size, color: rgb(0, 0, 0) });
      y -= size * 1.35;
    }
    y -= options.gap ?? 0;
  };
  const field = (label: string, value: string, indent = 12) => write(`${label}: ${value}`, { indent });

  write('Laporan Verifikasi Tanda Tangan Elektronik', { font: bold, size: 14 });
  write('Electronic Signature Verification Report', { font: bold, size: 12, gap: 8 });
  if (content.agreement) {
    field('Perjanjian / Agreement', content.agreement.title, 0);
    if (content.agreement.documentNumber) field('Nomor / Number', content.agreement.documentNumber, 0);
  }
  field('SHA-256 berkas / of the file', content.sha256, 0);
  field('Salinan arsip / Archived copy', COPIES[content.copy ?? 'none'], 0);
  field('Diperiksa pada / Checked at', time(content.checkedAt), 0);
  field(
    'Dasar / Basis',
    'ETSI EN 319 102-1 (indikasi / indications), ETSI EN 319 142-1 (tingkat PAdES / PAdES levels)',
    0,
  );
  y -= 8;
  if (!content.signatures.length)
    write('Berkas ini tidak memuat tanda tangan. / The file carries no signature.');
  content.signatures.forEach((s, i) => {
    const heading =
      s.kind === 'timestamp'
        ? `${i + 1}. Cap waktu dokumen / Document time-stamp — ${s.signer}`
        : `${i + 1}. Tanda tangan / Signature — ${s.signer}`;
    write(heading, { font: bold, size: 11, gap: 2 });
    field('Indikasi / Indication', INDICATIONS[s.indication]);
    if (s.subIndication)
      field('Sub-indikasi / Sub-indication', `${s.subIndication}: ${SUB_INDICATIONS[s.subIndication] ?? ''}`);
    field('Tingkat / Level', s.level ? `PAdES ${s.level}` : '—');
    field('Waktu yang diklaim / Claimed time', time(s.claimedTime));
    field('Waktu yang terbukti / Proven time', time(s.provenTime));
    field(
      'Cakupan / Coverage',
      s.coversWholeDocument
        ? 'seluruh berkas / the whole file'
        : `sebagian berkas; sesudahnya / part of the file; after it: ${CHANGES[s.changesAfter.kind]}${
            s.changesAfter.pages?.length ? ` (hlm. / pp. ${s.changesAfter.pages.join(', ')})` : ''
          }`,
    );
    write('Rantai sertifikat / Certificate chain:', { indent: 12 });
    for (const c of s.chain) {
      write(
        `${c.subject}${c.trustedRoot ? ' [akar tepercaya / trusted root]' : ''} — ${c.notBefore.slice(0, 10)} s.d./to ${c.notAfter.slice(0, 10)}`,
        { indent: 24, size: 8 },
      );
    }
    if (s.revocation.length) {
      write('Status pencabutan / Revocation:', { indent: 12 });
      for (const r of s.revocation) {
        write(
          `${r.certificate}: ${r.status}${r.revokedAt ? ` (${time(r.revokedAt)})` : ''} — ${r.source}${r.type ? ` ${r.type}` : ''}${r.thisUpdate ? `, ${time(r.thisUpdate)}` : ''}`,
          { indent: 24, size: 8 },
        );
      }
    }
    y -= 8;
  });
  return pdf.save();
}
