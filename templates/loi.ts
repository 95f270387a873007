import type { Template } from '../shared/documents/template.js';
import { closing, language, opening, purpose, recitalsDomestic, scope, signature } from './common.js';

/** Surat Pernyataan Kehendak / Letter of Intent: a short, non-binding first written intent. */
export const loiTemplate: Template = {
  id: 'loi',
  version: 1,
  documentType: 'LOI',
  name: { id: 'Surat Pernyataan Kehendak', en: 'Letter of Intent' },
  heading: { id: 'SURAT PERNYATAAN KEHENDAK', en: 'LETTER OF INTENT' },
  opening,
  recitals: recitalsDomestic,
  articles: [
    purpose,
    scope,
    {
      key: 'followUp',
      heading: { id: 'TINDAK LANJUT', en: 'FOLLOW-UP' },
      clauses: [
        {
          text: {
            id: 'PARA PIHAK akan menindaklanjuti {documentName} ini dengan penyusunan Nota Kesepahaman yang memuat ruang lingkup, bentuk dan jangka waktu kerja sama.',
            en: 'THE PARTIES will follow up this {documentName} by preparing a Memorandum of Understanding setting out the scope, form and duration of the cooperation.',
          },
        },
      ],
    },
    {
      key: 'nonBinding',
      heading: { id: 'SIFAT', en: 'NATURE' },
      clauses: [
        {
          text: {
            id: '{documentName} ini merupakan pernyataan kehendak dan tidak menimbulkan hak dan kewajiban hukum maupun beban keuangan bagi PARA PIHAK.',
            en: 'This {documentName} is a statement of intent and creates no legal rights or obligations and no financial burden for THE PARTIES.',
          },
        },
      ],
    },
    {
      key: 'duration',
      heading: { id: 'MASA BERLAKU', en: 'VALIDITY' },
      clauses: [
        {
          text: {
            id: '{documentName} ini berlaku sejak tanggal ditandatangani untuk jangka waktu {duration} atau sampai ditandatanganinya Nota Kesepahaman, mana yang lebih dahulu.',
            en: 'This {documentName} is valid from the date of its signing for a period of {duration} or until a Memorandum of Understanding is signed, whichever comes first.',
          },
          when: ['effectiveOnSigning', 'hasDuration'],
        },
        {
          text: {
            id: '{documentName} ini berlaku sejak tanggal {effectiveDate} untuk jangka waktu {duration} atau sampai ditandatanganinya Nota Kesepahaman, mana yang lebih dahulu.',
            en: 'This {documentName} is valid from {effectiveDate} for a period of {duration} or until a Memorandum of Understanding is signed, whichever comes first.',
          },
          when: ['effectiveOnDate', 'hasDuration'],
        },
        {
          text: {
            id: '{documentName} ini berlaku sejak tanggal ditandatangani sampai ditandatanganinya Nota Kesepahaman.',
            en: 'This {documentName} is valid from the date of its signing until a Memorandum of Understanding is signed.',
          },
          when: ['effectiveOnSigning', 'noDuration'],
        },
        {
          text: {
            id: '{documentName} ini berlaku sejak tanggal {effectiveDate} sampai ditandatanganinya Nota Kesepahaman.',
            en: 'This {documentName} is valid from {effectiveDate} until a Memorandum of Understanding is signed.',
          },
          when: ['effectiveOnDate', 'noDuration'],
        },
      ],
    },
    language,
  ],
  closing,
  signature,
};
