import type { FieldCode } from '../../shared/form/agreement-form.js';
import { ROLE_NAMES, type Role } from '../../shared/identity/identity.js';
import type { Lang } from './i18n.js';

type Pair = readonly [id: string, en: string];
const pick = (pair: Pair | undefined, lang: Lang, fallback: string) =>
  pair ? pair[lang === 'en' ? 1 : 0] : fallback;

const FIELDS: Record<FieldCode, Pair> = {
  education: ['Pendidikan', 'Education'],
  health: ['Kesehatan', 'Health'],
  tourism: ['Pariwisata', 'Tourism'],
  culture: ['Kebudayaan', 'Culture'],
  trade_investment: ['Perdagangan dan investasi', 'Trade and investment'],
  environment: ['Lingkungan hidup', 'Environment'],
  youth_sport: ['Kepemudaan dan olahraga', 'Youth and sport'],
  science_technology: ['Ilmu pengetahuan dan teknologi', 'Science and technology'],
  food_security: ['Ketahanan pangan', 'Food security'],
  governance: ['Tata pemerintahan', 'Governance'],
  infrastructure: ['Infrastruktur', 'Infrastructure'],
  other: ['Lainnya', 'Other'],
};

const CATEGORIES: Record<string, Pair> = {
  KSDD: ['KSDD – dengan daerah lain', 'KSDD – with another region'],
  KSDPK: ['KSDPK – dengan pihak ketiga', 'KSDPK – with a third party'],
  KSDPL: ['KSDPL – dengan pemerintah daerah di luar negeri', 'KSDPL – with a foreign local government'],
  KSDLL: ['KSDLL – dengan lembaga di luar negeri', 'KSDLL – with a foreign institution'],
};

const TYPES: Record<string, Pair> = {
  LOI: ['LoI – Surat Pernyataan Kehendak', 'LoI – Letter of Intent'],
  MOU: ['MoU – Nota Kesepahaman', 'MoU – Memorandum of Understanding'],
  PKS: ['PKS – Perjanjian Kerja Sama', 'PKS – Cooperation Agreement'],
};

const STATUSES: Record<string, Pair> = {
  draft: ['Draf', 'Draft'],
  in_review: ['Dalam telaah', 'In review'],
  changes_requested: ['Perlu perbaikan', 'Changes requested'],
  ready_to_sign: ['Siap ditandatangani', 'Ready to sign'],
  signed: ['Ditandatangani', 'Signed'],
  active: ['Berlaku', 'Active'],
  expiring: ['Segera berakhir', 'Expiring'],
  expired: ['Berakhir', 'Expired'],
  terminated: ['Diakhiri', 'Terminated'],
  rejected: ['Ditolak', 'Rejected'],
  withdrawn: ['Ditarik', 'Withdrawn'],
};

const ACTIONS: Record<string, Pair> = {
  create: ['Membuat draf', 'Created the draft'],
  revise: ['Merevisi draf', 'Revised the draft'],
  submit: ['Mengajukan', 'Submitted'],
  resubmit: ['Mengajukan kembali', 'Resubmitted'],
  endorse: ['Menyetujui (Kepala OPD)', 'Endorsed'],
  approve: ['Menyetujui', 'Approved'],
  initial: ['Memaraf', 'Initialled'],
  request_changes: ['Meminta perbaikan', 'Requested changes'],
  reject: ['Menolak', 'Rejected'],
  withdraw: ['Menarik', 'Withdrew'],
  sign: ['Menandatangani', 'Signed'],
  archive: ['Mengarsipkan naskah bertanda tangan', 'Archived the signed copy'],
  download: ['Mengunduh arsip', 'Downloaded the archived copy'],
  'report-activity': ['Melaporkan kegiatan', 'Reported activities'],
  'accept-activity-report': ['Menerima laporan kegiatan', 'Accepted an activity report'],
  'return-activity-report': ['Mengembalikan laporan kegiatan', 'Returned an activity report'],
  terminate: ['Mengakhiri kerja sama', 'Terminated the agreement'],
};

const REPORT_STATUSES: Record<string, Pair> = {
  submitted: ['Diajukan', 'Submitted'],
  accepted: ['Diterima', 'Accepted'],
  returned: ['Dikembalikan', 'Returned'],
};

const KINDS: Record<string, Pair> = {
  endorse: ['persetujuan', 'endorsement'],
  review: ['telaah', 'review'],
  consult: ['konsultasi pusat', 'central consultation'],
  initial: ['paraf', 'initials'],
  sign: ['tanda tangan', 'signature'],
  revise: ['perbaikan', 'revision'],
  upload: ['unggah naskah pihak mitra', 'partner’s signed copy'],
};

/** What an incremental update after a signature changed (the API's `changesAfter.kind`), when a warning. */
const CHANGES: Record<string, Pair> = {
  'form-fields': ['isian formulir diubah', 'form fields changed'],
  annotations: ['anotasi ditambah atau diubah', 'annotations added or changed'],
  content: ['isi halaman diubah', 'page content changed'],
};

export const fieldLabel = (code: string, lang: Lang) => pick(FIELDS[code as FieldCode], lang, code);
export const categoryLabel = (code: string, lang: Lang) => pick(CATEGORIES[code], lang, code);
export const typeLabel = (code: string, lang: Lang) => pick(TYPES[code], lang, code);
export const statusLabel = (code: string, lang: Lang) => pick(STATUSES[code], lang, code);
export const actionLabel = (code: string, lang: Lang) => pick(ACTIONS[code], lang, code);
export const reportStatusLabel = (code: string, lang: Lang) => pick(REPORT_STATUSES[code], lang, code);
export const kindLabel = (code: string, lang: Lang) => pick(KINDS[code], lang, code);
export const changesLabel = (kind: string, lang: Lang) => pick(CHANGES[kind], lang, kind);
export const roleLabel = (role: string, lang: Lang) => ROLE_NAMES[role as Role]?.[lang] ?? role;

const regionNames: Partial<Record<Lang, Intl.DisplayNames>> = {};
/** "Australia" for "AU", in the interface language; the code itself when unknown. */
export function countryName(code: string, lang: Lang): string {
  regionNames[lang] ??= new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
  try {
    return /^[A-Z]{2}$/.test(code) ? (regionNames[lang].of(code) ?? code) : code;
  } catch {
    return code;
  }
}

/** "Rp 350.000.000" or "IDR 350,000,000.00", in the interface language. */
export function formatMoney(amount: number, currency: string, lang: Lang): string {
  try {
    return amount.toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', { style: 'currency', currency });
  } catch {
    return `${currency} ${amount}`;
  }
}

export function formatDate(iso: string | undefined, lang: Lang, withTime = false): string {
  if (!iso) return '–';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return date.toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
    timeZone: withTime ? undefined : 'UTC',
  });
}
