import { type RenderedAgreement, renderAgreement } from '../../shared/documents/render.js';
import { type AgreementForm, parseAgreementForm } from '../../shared/form/agreement-form.js';
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { base64, emblemPng } from './png.js';
import { type SampleName, sample } from './samples.js';

/** A 200-character address with no space in it: it must break at its slashes and dots, inside its column. */
export const LONG_URL =
  `https://jdih.example.go.id/peraturan/${'pengelolaan-sampah-regional-'.repeat(5)}lampiran.pdf?versi=2024&unduh=1`.slice(
    0,
    200,
  );

/**
 * A joint agreement (Kesepakatan Bersama) of five regencies on regional waste management, in Indonesian:
 * a multi-party title, five signature blocks, signatories with academic and religious titles, a URL of
 * 200 characters, and emblems given in the form. The people are fictional.
 */
export function fivePartyKsb() {
  const regency = (name: string, signatory: string, position: string, number: string) => ({
    name: { id: `Pemerintah Kabupaten ${name}` },
    country: 'ID',
    signatory: { name: signatory, position: { id: position } },
    documentNumber: number,
  });
  return {
    documentType: 'MOU',
    category: 'KSDD',
    languages: ['id'],
    initiatingUnit: { code: 'BAGKS', name: 'Bagian Kerja Sama Sekretariat Daerah Kabupaten Sukamaju' },
    title: { id: 'Pengelolaan Sampah Regional dan Pengembangan Tempat Pemrosesan Akhir Sampah Terpadu' },
    parties: [
      regency('Sukamaju', 'dr. H. Ahmad Fauzi Rahman, M.Kes.', 'Bupati Sukamaju', '658/112/KS/2024'),
      regency(
        'Tanjung Harapan',
        'Ir. Hj. Siti Rahmawati, M.Si.',
        'Bupati Tanjung Harapan',
        '180/45/PEM/2024',
      ),
      regency('Muara Indah', 'Drs. H. Bambang Sutrisno, M.M.', 'Bupati Muara Indah', '415.4/77/2024'),
      regency(
        'Bukit Permai',
        'Prof. Dr. Ir. Made Wirawan, S.T., M.T.',
        'Bupati Bukit Permai',
        '119/301/2024',
      ),
      regency('Lembah Hijau', 'H. Andi Baso Amiruddin, S.H., M.H.', 'Bupati Lembah Hijau', '005/19/KSD/2024'),
    ],
    fields: ['environment', 'infrastructure'],
    purpose: {
      id: 'Kesepakatan Bersama ini dimaksudkan sebagai landasan bagi PARA PIHAK untuk menyelenggarakan pengelolaan sampah secara regional yang terpadu, efektif, efisien dan berwawasan lingkungan, guna meningkatkan kualitas kesehatan masyarakat dan kelestarian lingkungan hidup di wilayah masing-masing PIHAK.',
    },
    scope: [
      { id: 'perencanaan, pembangunan dan pengoperasian tempat pemrosesan akhir sampah regional terpadu' },
      {
        id: 'pengurangan dan penanganan sampah dari sumbernya melalui bank sampah dan tempat pengolahan sampah terpadu',
      },
      { id: 'pengangkutan sampah antarwilayah dengan armada dan jadwal yang disepakati bersama' },
      { id: `penerapan standar teknis sebagaimana tercantum dalam ${LONG_URL} beserta perubahannya` },
      {
        id: 'peningkatan kapasitas sumber daya manusia, pertukaran data dan informasi serta pemantauan bersama',
      },
    ],
    implementation: {
      id: 'PARA PIHAK membentuk Tim Koordinasi Pengelolaan Sampah Regional yang beranggotakan perwakilan perangkat daerah yang membidangi lingkungan hidup dan pekerjaan umum dari masing-masing PIHAK, yang bertugas menyusun rencana kerja tahunan, mengoordinasikan pelaksanaan kegiatan dan melaporkan hasilnya kepada masing-masing kepala daerah.',
    },
    financing: {
      id: 'Biaya pelaksanaan Kesepakatan Bersama ini dibebankan kepada Anggaran Pendapatan dan Belanja Daerah masing-masing PIHAK secara proporsional sesuai dengan volume sampah yang diolah, serta sumber lain yang sah dan tidak mengikat sesuai dengan ketentuan peraturan perundang-undangan.',
    },
    durationYears: 5,
    effectiveFrom: 'signing',
    signing: { place: { id: 'Sukamaju' }, date: '2024-02-28' },
  };
}

export type CaseName = SampleName | 'ksb';
export const CASES: readonly CaseName[] = ['mou', 'pks', 'loi', 'ksb'];

export type RenderedCase = RenderedAgreement & { form: AgreementForm };

/** The region's own emblem, as issue 13's region profile will give it: through the compose context. */
export const REGION_EMBLEM = { party: 0, image: { bytes: emblemPng(160), contentType: 'image/png' } };

/** The KSB's partners give their emblems in the form. */
function ksbForm() {
  const form = fivePartyKsb();
  const [, second, third] = form.parties as (ReturnType<typeof fivePartyKsb>['parties'][number] & {
    emblem?: unknown;
  })[];
  if (second) second.emblem = { contentType: 'image/png', data: base64(emblemPng(90)) };
  if (third) third.emblem = { contentType: 'image/png', data: base64(emblemPng(140)) };
  return form;
}

const rendered = new Map<CaseName, Promise<RenderedCase>>();

/** Renders a case as the drafting service does, once per test file. */
export function renderCase(name: CaseName): Promise<RenderedCase> {
  let result = rendered.get(name);
  if (!result) {
    const form = parseAgreementForm(name === 'ksb' ? ksbForm() : sample(name));
    result = renderAgreement(form, BUILTIN_TEMPLATES[form.documentType], {
      documentNumber: `${name.toUpperCase()}/0001/2024 · v1`,
      issuedAt: '2024-02-20T03:00:00.000Z',
      ...(name === 'ksb' ? { emblems: [REGION_EMBLEM] } : {}),
    }).then((r) => ({ ...r, form }));
    rendered.set(name, result);
  }
  return result;
}
