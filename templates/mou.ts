import type { Template } from '../shared/documents/template.js';
import {
  amendment,
  closing,
  contacts,
  disputes,
  entryIntoForce,
  financingText,
  forceMajeure,
  implementationText,
  language,
  opening,
  purpose,
  recitalsDomestic,
  scope,
  signature,
} from './common.js';

/** Nota Kesepahaman / Memorandum of Understanding: the framework of a cooperation. */
export const mouTemplate: Template = {
  id: 'mou',
  version: 1,
  documentType: 'MOU',
  name: { id: 'Nota Kesepahaman', en: 'Memorandum of Understanding' },
  heading: { id: 'NOTA KESEPAHAMAN', en: 'MEMORANDUM OF UNDERSTANDING' },
  opening,
  recitals: recitalsDomestic,
  articles: [
    purpose,
    scope,
    {
      key: 'implementation',
      heading: { id: 'PELAKSANAAN', en: 'IMPLEMENTATION' },
      clauses: [
        implementationText,
        {
          text: {
            id: 'Pelaksanaan {documentName} ini dituangkan lebih lanjut dalam Perjanjian Kerja Sama yang disusun oleh perangkat daerah dan mitra terkait.',
            en: 'This {documentName} shall be implemented through Cooperation Agreements prepared by the relevant regional agencies and partners.',
          },
        },
        ...contacts,
      ],
    },
    {
      key: 'financing',
      heading: { id: 'PEMBIAYAAN', en: 'FINANCING' },
      clauses: [
        financingText,
        {
          text: {
            id: 'Biaya yang timbul dari pelaksanaan {documentName} ini ditanggung oleh masing-masing PIHAK sesuai dengan ketersediaan anggaran dan ketentuan peraturan perundang-undangan yang berlaku bagi masing-masing PIHAK.',
            en: 'Costs arising from the implementation of this {documentName} shall be borne by each PARTY subject to the availability of funds and the laws and regulations applicable to each PARTY.',
          },
          when: ['noFinancing'],
        },
      ],
    },
    {
      key: 'duration',
      heading: { id: 'JANGKA WAKTU', en: 'DURATION' },
      clauses: [
        ...entryIntoForce,
        {
          text: {
            id: '{documentName} ini dapat diperpanjang atas kesepakatan PARA PIHAK yang dinyatakan secara tertulis paling lambat 6 (enam) bulan sebelum berakhirnya jangka waktu.',
            en: 'This {documentName} may be extended by mutual written consent of THE PARTIES no later than 6 (six) months before it expires.',
          },
        },
        {
          text: {
            id: 'Masing-masing PIHAK dapat mengakhiri {documentName} ini dengan pemberitahuan tertulis kepada PIHAK lainnya paling lambat 6 (enam) bulan sebelumnya.',
            en: 'Either PARTY may terminate this {documentName} by giving the other PARTY written notice at least 6 (six) months in advance.',
          },
        },
      ],
    },
    forceMajeure,
    disputes,
    amendment,
    language,
  ],
  closing,
  signature,
};
