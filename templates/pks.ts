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

/** Perjanjian Kerja Sama / Cooperation Agreement: the implementing agreement with obligations and money. */
export const pksTemplate: Template = {
  id: 'pks',
  version: 1,
  documentType: 'PKS',
  name: { id: 'Perjanjian Kerja Sama', en: 'Cooperation Agreement' },
  heading: { id: 'PERJANJIAN KERJA SAMA', en: 'COOPERATION AGREEMENT' },
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
            id: 'PARA PIHAK melaksanakan {documentName} ini sesuai dengan rencana kerja yang disepakati bersama dan melakukan evaluasi paling sedikit sekali dalam setahun.',
            en: 'THE PARTIES shall implement this {documentName} according to a jointly agreed work plan and evaluate it at least once a year.',
          },
        },
        ...contacts,
      ],
    },
    {
      key: 'obligations',
      heading: { id: 'HAK DAN KEWAJIBAN', en: 'RIGHTS AND OBLIGATIONS' },
      clauses: [
        {
          each: 'obligations',
          label: 'number',
          text: { id: '{party.label} berkewajiban:', en: 'The {party.label} shall:' },
        },
        {
          text: {
            id: 'Masing-masing PIHAK berhak menerima hasil pelaksanaan kewajiban PIHAK lainnya sebagaimana dimaksud di atas.',
            en: 'Each PARTY is entitled to the results of the other PARTY’s performance of the obligations above.',
          },
        },
      ],
    },
    {
      key: 'financing',
      heading: { id: 'PEMBIAYAAN', en: 'FINANCING' },
      clauses: [
        financingText,
        {
          text: {
            id: 'Biaya pelaksanaan {documentName} ini dibebankan kepada masing-masing PIHAK sesuai dengan kewajibannya dan ketentuan peraturan perundang-undangan.',
            en: 'The costs of implementing this {documentName} shall be borne by each PARTY according to its obligations and the laws and regulations.',
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
            id: '{documentName} ini dapat diperpanjang atau diakhiri sebelum jangka waktunya berakhir atas kesepakatan PARA PIHAK yang dinyatakan secara tertulis paling lambat 3 (tiga) bulan sebelumnya.',
            en: 'This {documentName} may be extended, or terminated before it expires, by mutual written consent of THE PARTIES given at least 3 (three) months in advance.',
          },
        },
      ],
    },
    forceMajeure,
    disputes,
    amendment,
    language,
  ],
  closing: [
    ...closing,
    {
      text: {
        id: 'Naskah asli {documentName} ini dibubuhi meterai yang cukup dan mempunyai kekuatan hukum yang sama.',
        en: 'The original copies of this {documentName} bear sufficient stamp duty and have equal legal force.',
      },
      when: ['domestic'],
    },
  ],
  signature,
};
