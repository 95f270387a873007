import type { Article, Clause, Template } from '../shared/documents/template.js';

/**
 * Clauses shared by the LoI, MoU and PKS templates. `{documentName}` makes the same sentence fit
 * each document ("Nota Kesepahaman ini" / "This Memorandum of Understanding").
 */

export const opening: Clause[] = [
  {
    text: {
      id: 'Pada hari ini, {signingDate}, bertempat di {signingPlace}, yang bertanda tangan di bawah ini:',
      en: 'On this day, {signingDate}, in {signingPlace}, the undersigned:',
    },
  },
  {
    each: 'parties',
    label: 'number',
    text: {
      id: '{party.signatory}, {party.position}{party.authority}, dalam hal ini bertindak untuk dan atas nama {party.name}, selanjutnya disebut {party.label};',
      en: '{party.signatory}, {party.position}{party.authority}, acting for and on behalf of {party.name}, hereinafter referred to as the {party.label};',
    },
  },
  {
    text: {
      id: 'Para pihak tersebut di atas secara bersama-sama selanjutnya disebut PARA PIHAK dan masing-masing disebut PIHAK.',
      en: 'The above parties are hereinafter jointly referred to as THE PARTIES and individually as a PARTY.',
    },
  },
];

export const recitalsDomestic: Clause[] = [
  {
    text: {
      id: 'PARA PIHAK terlebih dahulu menerangkan hal-hal sebagai berikut:',
      en: 'THE PARTIES first state the following:',
    },
  },
  {
    text: {
      id: 'bahwa kerja sama daerah dilaksanakan berdasarkan Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah dan Peraturan Menteri Dalam Negeri Nomor 22 Tahun 2020 tentang Tata Cara Kerja Sama Daerah dengan Daerah Lain dan Kerja Sama Daerah dengan Pihak Ketiga;',
      en: 'that regional cooperation is carried out under Government Regulation Number 28 of 2018 on Regional Cooperation and Minister of Home Affairs Regulation Number 22 of 2020 on the Procedures for Cooperation between Regions and with Third Parties;',
    },
    when: ['domestic'],
  },
  {
    text: {
      id: 'bahwa kerja sama luar negeri oleh pemerintah daerah dilaksanakan berdasarkan Undang-Undang Nomor 37 Tahun 1999 tentang Hubungan Luar Negeri, Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah dan Peraturan Menteri Dalam Negeri Nomor 25 Tahun 2020 tentang Tata Cara Kerja Sama Daerah dengan Pemerintah Daerah di Luar Negeri dan Kerja Sama Daerah dengan Lembaga di Luar Negeri;',
      en: 'that foreign cooperation by regional governments of the Republic of Indonesia is carried out under Law Number 37 of 1999 on Foreign Relations, Government Regulation Number 28 of 2018 on Regional Cooperation and Minister of Home Affairs Regulation Number 25 of 2020 on the Procedures for Cooperation with Foreign Regional Governments and Foreign Institutions;',
    },
    when: ['foreign'],
  },
  {
    text: {
      id: 'bahwa PARA PIHAK telah menandatangani {parent}, yang ditindaklanjuti dengan {documentName} ini;',
      en: 'that THE PARTIES have signed {parent}, which this {documentName} follows up;',
    },
    when: ['hasParent'],
  },
  {
    text: {
      id: 'bahwa PARA PIHAK berkeinginan untuk bekerja sama di bidang {fields} berdasarkan prinsip kesetaraan, saling menghormati dan saling menguntungkan;',
      en: 'that THE PARTIES wish to cooperate in the fields of {fields} on the basis of equality, mutual respect and mutual benefit;',
    },
  },
  {
    text: {
      id: 'maka PARA PIHAK sepakat untuk menandatangani {documentName} tentang {title} dengan ketentuan sebagai berikut:',
      en: 'now therefore THE PARTIES agree to sign this {documentName} on {title} under the following terms:',
    },
  },
];

export const purpose: Article = {
  key: 'purpose',
  heading: { id: 'MAKSUD DAN TUJUAN', en: 'PURPOSE AND OBJECTIVES' },
  clauses: [{ text: { id: '{purpose}', en: '{purpose}' } }],
};

export const scope: Article = {
  key: 'scope',
  heading: { id: 'RUANG LINGKUP', en: 'SCOPE' },
  clauses: [
    {
      text: {
        id: 'Ruang lingkup {documentName} ini meliputi:',
        en: 'The scope of this {documentName} covers:',
      },
    },
    { each: 'scope', label: 'letter', text: { id: '{item}', en: '{item}' } },
    {
      text: {
        id: 'Bidang lain yang disepakati: {otherField}.',
        en: 'Other agreed field: {otherField}.',
      },
      when: ['hasOtherField'],
    },
  ],
};

/** The form's implementation text, then the template's own sentence (given per document type). */
export const implementationText: Clause = {
  text: { id: '{implementation}', en: '{implementation}' },
  when: ['hasImplementation'],
};

/** The contact persons (penghubung) of each party, when the form names them. */
export const contacts: Clause[] = [
  {
    text: {
      id: 'Untuk kelancaran pelaksanaan, PARA PIHAK menunjuk penghubung sebagai berikut:',
      en: 'To facilitate implementation, THE PARTIES designate the following contact persons:',
    },
    when: ['hasContacts'],
  },
  {
    each: 'contacts',
    label: 'letter',
    text: {
      id: '{party.label}: {contact.name}, {contact.position}{contact.details}',
      en: '{party.label}: {contact.name}, {contact.position}{contact.details}',
    },
    when: ['hasContacts'],
  },
];

/** The form's financing text; the template's default sentence applies when it has none. */
export const financingText: Clause = {
  text: { id: '{financing}', en: '{financing}' },
  when: ['hasFinancing'],
};

/** Entry into force: on signing or on the form's date, for the form's number of years. */
export const entryIntoForce: Clause[] = [
  {
    text: {
      id: '{documentName} ini berlaku sejak tanggal ditandatangani oleh PARA PIHAK untuk jangka waktu {duration}.',
      en: 'This {documentName} shall enter into force on the date of its signing by THE PARTIES for a period of {duration}.',
    },
    when: ['effectiveOnSigning'],
  },
  {
    text: {
      id: '{documentName} ini berlaku sejak tanggal {effectiveDate} untuk jangka waktu {duration}.',
      en: 'This {documentName} shall enter into force on {effectiveDate} for a period of {duration}.',
    },
    when: ['effectiveOnDate'],
  },
];

export const forceMajeure: Article = {
  key: 'forceMajeure',
  heading: { id: 'KEADAAN KAHAR', en: 'FORCE MAJEURE' },
  clauses: [
    {
      text: {
        id: 'Keadaan kahar adalah keadaan di luar kemampuan PARA PIHAK, antara lain bencana alam, wabah penyakit, perang, huru-hara dan kebijakan pemerintah, yang mengakibatkan pelaksanaan {documentName} ini tidak dapat dilaksanakan.',
        en: 'Force majeure means circumstances beyond the control of THE PARTIES, including natural disasters, epidemics, war, civil unrest and government policy, which prevent the implementation of this {documentName}.',
      },
    },
    {
      text: {
        id: 'PIHAK yang mengalami keadaan kahar memberitahukan secara tertulis kepada PIHAK lainnya paling lambat 14 (empat belas) hari sejak terjadinya keadaan kahar.',
        en: 'The PARTY affected by force majeure shall notify the other PARTY in writing no later than 14 (fourteen) days after the force majeure occurs.',
      },
    },
  ],
};

export const disputes: Article = {
  key: 'disputes',
  heading: { id: 'PENYELESAIAN PERSELISIHAN', en: 'SETTLEMENT OF DISPUTES' },
  clauses: [
    {
      text: {
        id: 'Setiap perselisihan yang timbul dari penafsiran atau pelaksanaan {documentName} ini diselesaikan secara musyawarah untuk mufakat oleh PARA PIHAK.',
        en: 'Any dispute arising from the interpretation or implementation of this {documentName} shall be settled amicably through consultation between THE PARTIES.',
      },
    },
    {
      text: {
        id: 'Dalam hal musyawarah tidak mencapai mufakat, penyelesaian dilakukan sesuai dengan ketentuan peraturan perundang-undangan.',
        en: 'If consultation does not lead to agreement, the dispute shall be settled in accordance with the laws and regulations.',
      },
      when: ['domestic'],
    },
    {
      text: {
        id: 'Perselisihan tidak akan dirujuk kepada pengadilan nasional atau internasional mana pun atau pihak ketiga untuk diselesaikan.',
        en: 'No dispute shall be referred to any national or international tribunal or third party for settlement.',
      },
      when: ['foreign'],
    },
  ],
};

export const amendment: Article = {
  key: 'amendment',
  heading: { id: 'PERUBAHAN', en: 'AMENDMENT' },
  clauses: [
    {
      text: {
        id: '{documentName} ini dapat diubah atas kesepakatan PARA PIHAK. Setiap perubahan dituangkan secara tertulis dalam adendum yang merupakan bagian tidak terpisahkan dari {documentName} ini.',
        en: 'This {documentName} may be amended by mutual consent of THE PARTIES. Any amendment shall be made in writing in an addendum, which forms an integral part of this {documentName}.',
      },
    },
  ],
};

export const language: Article = {
  key: 'language',
  heading: { id: 'BAHASA', en: 'LANGUAGE' },
  when: ['bilingual'],
  clauses: [
    {
      text: {
        id: '{documentName} ini dibuat dalam bahasa Indonesia dan bahasa Inggris.',
        en: 'This {documentName} is made in the Indonesian and English languages.',
      },
    },
    {
      text: {
        id: 'Semua naskah sama-sama otentik.',
        en: 'All texts are equally authentic.',
      },
      when: ['prevailingEqual'],
    },
    {
      text: {
        id: 'Dalam hal terdapat perbedaan penafsiran, naskah dalam bahasa Inggris yang berlaku.',
        en: 'In case of any divergence of interpretation, the English text shall prevail.',
      },
      when: ['prevailingEn'],
    },
    {
      text: {
        id: 'Dalam hal terdapat perbedaan penafsiran, naskah dalam bahasa Indonesia yang berlaku.',
        en: 'In case of any divergence of interpretation, the Indonesian text shall prevail.',
      },
      when: ['prevailingId'],
    },
  ],
};

export const closing: Clause[] = [
  {
    text: {
      id: 'Demikian {documentName} ini dibuat dan ditandatangani oleh PARA PIHAK dalam rangkap asli yang masing-masing mempunyai kekuatan hukum yang sama.',
      en: 'IN WITNESS WHEREOF, the undersigned, being duly authorised, have signed this {documentName} in original copies, each having equal legal force.',
    },
    when: ['domestic'],
  },
  {
    text: {
      id: 'SEBAGAI BUKTI, yang bertanda tangan di bawah ini, yang diberi kuasa penuh oleh pemerintah atau lembaga masing-masing, telah menandatangani {documentName} ini.',
      en: 'IN WITNESS WHEREOF, the undersigned, being duly authorised by their respective governments or institutions, have signed this {documentName}.',
    },
    when: ['foreign'],
  },
];

export const signature: Template['signature'] = {
  for: { id: 'UNTUK {party.NAME}', en: 'FOR {party.NAME}' },
};
