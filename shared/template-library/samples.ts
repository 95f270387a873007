import type { ComposeContext } from '../documents/compose.js';
import type { DocumentType } from '../form/agreement-form.js';
import { type AgreementForm, parseAgreementForm } from '../form/agreement-form.js';

/** The parties a sample draft is made with, per category; the region and the people are fictional. */
const PARTNERS = {
  KSDD: {
    name: { id: 'Pemerintah Kota Muara Indah', en: 'The City Government of Muara Indah' },
    country: 'ID',
    signatory: {
      name: 'Ir. Hj. Siti Rahmawati, M.Si.',
      position: { id: 'Wali Kota Muara Indah', en: 'Mayor of Muara Indah' },
    },
  },
  KSDPK: {
    name: { id: 'Universitas Harapan Bangsa', en: 'Harapan Bangsa University' },
    country: 'ID',
    signatory: {
      name: 'Prof. Dr. Ir. Made Wirawan, S.T., M.T.',
      position: { id: 'Rektor Universitas Harapan Bangsa', en: 'Rector of Harapan Bangsa University' },
    },
  },
  KSDPL: {
    name: { id: 'Dewan Kota Lakeside, Selandia Baru', en: 'Lakeside City Council, New Zealand' },
    country: 'NZ',
    signatory: { name: 'Emma Whitfield', position: { id: 'Wali Kota Lakeside', en: 'Mayor of Lakeside' } },
  },
  KSDLL: {
    name: { id: 'Yayasan Pembangunan Northbridge', en: 'Northbridge Development Foundation' },
    country: 'JP',
    signatory: { name: 'Kenji Morimoto', position: { id: 'Presiden', en: 'President' } },
  },
} as const;

type Category = keyof typeof PARTNERS;

/** Every category in every language variant it allows: foreign cooperation is always bilingual. */
export const SAMPLE_VARIANTS: readonly { category: Category; languages: ('id' | 'en')[] }[] = [
  { category: 'KSDD', languages: ['id'] },
  { category: 'KSDD', languages: ['id', 'en'] },
  { category: 'KSDPK', languages: ['id'] },
  { category: 'KSDPK', languages: ['id', 'en'] },
  { category: 'KSDPL', languages: ['id', 'en'] },
  { category: 'KSDLL', languages: ['id', 'en'] },
];

const PARENTS: Partial<Record<DocumentType, { id: string; en: string }>> = {
  MOU: {
    id: 'Surat Pernyataan Kehendak tentang Kerja Sama Pembangunan Daerah',
    en: 'the Letter of Intent on Regional Development Cooperation',
  },
  PKS: {
    id: 'Nota Kesepahaman tentang Kerja Sama Pembangunan Daerah',
    en: 'the Memorandum of Understanding on Regional Development Cooperation',
  },
};

/**
 * A draft of `documentType` for one category and language variant, filled as a clerk would fill it,
 * with the parent it follows: what a candidate template is rendered with before anyone activates it.
 */
export function sampleDraft(
  documentType: DocumentType,
  variant: (typeof SAMPLE_VARIANTS)[number],
): { form: AgreementForm; context: Pick<ComposeContext, 'parent'> } {
  const bilingual = variant.languages.includes('en');
  const t = (id: string, en: string) => (bilingual ? { id, en } : { id });
  const partner = PARTNERS[variant.category];
  const form = parseAgreementForm({
    documentType,
    category: variant.category,
    languages: variant.languages,
    ...(bilingual ? { prevailingLanguage: variant.category === 'KSDD' ? 'id' : 'equal' } : {}),
    initiatingUnit: { code: 'BAGKS', name: 'Bagian Kerja Sama Sekretariat Daerah' },
    title: t('Kerja Sama Pembangunan Daerah', 'Regional Development Cooperation'),
    parties: [
      {
        name: t('Pemerintah Kabupaten Sukamaju', 'The Regency Government of Sukamaju'),
        country: 'ID',
        signatory: {
          name: 'dr. H. Ahmad Fauzi Rahman, M.Kes.',
          position: t('Bupati Sukamaju', 'Regent of Sukamaju'),
        },
        documentNumber: '119/001/KS/2025',
      },
      {
        name: t(partner.name.id, partner.name.en),
        country: partner.country,
        signatory: {
          name: partner.signatory.name,
          position: t(partner.signatory.position.id, partner.signatory.position.en),
        },
      },
    ],
    fields: ['education', 'environment'],
    purpose: t(
      'Kerja sama ini dimaksudkan untuk meningkatkan kualitas pendidikan dan pengelolaan lingkungan hidup.',
      'This cooperation is intended to improve the quality of education and environmental management.',
    ),
    scope: [
      t('pertukaran guru dan pelajar', 'exchange of teachers and students'),
      t('pengelolaan sampah berbasis masyarakat', 'community-based waste management'),
    ],
    implementation: t(
      'PARA PIHAK membentuk tim kerja bersama yang bertemu sekurang-kurangnya sekali setahun.',
      'THE PARTIES shall form a joint working team that meets at least once a year.',
    ),
    ...(documentType === 'PKS'
      ? {
          obligations: [0, 1].map((party) => ({
            party,
            items: [
              t('menyediakan tenaga ahli', 'provide experts'),
              t('melaporkan kegiatan', 'report on activities'),
            ],
          })),
        }
      : {}),
    durationYears: documentType === 'LOI' ? 1 : 3,
    effectiveFrom: bilingual ? '2026-01-05' : 'signing',
    contacts: [
      { party: 0, name: 'Rina Wulandari', position: 'Kepala Bagian Kerja Sama', phone: '+62 21 555 0101' },
    ],
    signing: { place: t('Sukamaju', 'Sukamaju'), date: '2025-12-15' },
  });
  const parent = PARENTS[documentType];
  return { form, context: parent ? { parent: bilingual ? parent : { id: parent.id } } : {} };
}
