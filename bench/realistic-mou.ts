import { sample } from '../test/support/samples.js';

/**
 * The Central Java – Queensland MoU sample grown to the size of a real sister-province MoU:
 * a longer scope, a working-group clause, financing text and three contacts per side.
 */
export function realisticMou() {
  const form = sample('mou');
  form.scope.push(
    {
      id: 'kerja sama di bidang kesehatan masyarakat dan layanan rumah sakit',
      en: 'cooperation in public health and hospital services',
    },
    {
      id: 'pengembangan pertanian, peternakan dan ketahanan pangan',
      en: 'development of agriculture, livestock and food security',
    },
    {
      id: 'pengembangan usaha kecil dan menengah serta ekonomi kreatif',
      en: 'development of small and medium enterprises and the creative economy',
    },
    { id: 'pertukaran pemuda, olahraga dan seni', en: 'youth, sport and arts exchanges' },
    {
      id: 'peningkatan kapasitas aparatur pemerintah daerah',
      en: 'capacity building for regional government officials',
    },
    { id: 'kerja sama lain yang disepakati PARA PIHAK', en: 'other cooperation agreed by THE PARTIES' },
  );
  form.implementation = {
    id: 'PARA PIHAK membentuk Kelompok Kerja Bersama yang bertemu sekurang-kurangnya sekali setahun, secara bergantian di Semarang dan Brisbane atau melalui konferensi video, untuk menyusun rencana kegiatan tahunan, memantau pelaksanaan kegiatan, mengevaluasi hasil kerja sama dan melaporkannya kepada pimpinan masing-masing PIHAK. Kelompok Kerja Bersama dapat membentuk subkelompok kerja per bidang sesuai kebutuhan.',
    en: 'THE PARTIES shall establish a Joint Working Group which shall meet at least once a year, alternately in Semarang and Brisbane or by video conference, to prepare annual activity plans, monitor the implementation of activities, evaluate the results of the cooperation and report to the leadership of each PARTY. The Joint Working Group may establish sub-working groups per field as needed.',
  };
  form.financing = {
    id: 'Biaya pelaksanaan Nota Kesepahaman ini ditanggung oleh masing-masing PIHAK sesuai dengan ketersediaan anggaran dan ketentuan peraturan perundang-undangan yang berlaku di negara masing-masing, kecuali ditentukan lain oleh PARA PIHAK secara tertulis untuk kegiatan tertentu.',
    en: 'The costs of implementing this Memorandum of Understanding shall be borne by each PARTY subject to the availability of funds and the laws and regulations in force in their respective countries, unless THE PARTIES agree otherwise in writing for specific activities.',
  };
  form.contacts.push(
    {
      party: 0,
      name: 'Kepala Dinas Pendidikan dan Kebudayaan',
      position: 'Dinas Pendidikan dan Kebudayaan Provinsi Jawa Tengah',
      email: 'disdikbud@jatengprov.go.id',
    },
    {
      party: 0,
      name: 'Kepala Dinas Kepemudaan, Olahraga dan Pariwisata',
      position: 'Disporapar Provinsi Jawa Tengah',
      phone: '+62 24 8311174',
    },
    {
      party: 1,
      name: 'Trade and Investment Queensland',
      position: 'Jakarta Office',
      email: 'jakarta@tiq.qld.gov.au',
    },
    {
      party: 1,
      name: 'Queensland Education International',
      position: 'Department of Education',
      email: 'qei@qed.qld.gov.au',
    },
  );
  return form;
}
