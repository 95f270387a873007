import { describe, expect, it } from 'vitest';
import { signatoryName } from '../../shared/documents/names.js';

describe('signatory names', () => {
  it.each([
    ['Ganjar Pranowo', 'GANJAR PRANOWO'],
    ['dr. Nama Lengkap', 'dr. NAMA LENGKAP'],
    ['Dr. Nama Lengkap', 'Dr. NAMA LENGKAP'],
    ['Dr. Ir. H. Nama, S.H., M.Si.', 'Dr. Ir. H. NAMA, S.H., M.Si.'],
    ['Dr. H. Anggoro Widyatmoko, M.Pd.', 'Dr. H. ANGGORO WIDYATMOKO, M.Pd.'],
    ['Prof. Dr. H. Fatah Sulaiman, S.T., M.T.', 'Prof. Dr. H. FATAH SULAIMAN, S.T., M.T.'],
    ['drg. Hj. Siti Aminah, Sp.KG., M.Kes.', 'drg. Hj. SITI AMINAH, Sp.KG., M.Kes.'],
    ['Drs. Budi Santoso, M.M.', 'Drs. BUDI SANTOSO, M.M.'],
    ['Dra. Endang Lestari, M.Pd.', 'Dra. ENDANG LESTARI, M.Pd.'],
    ['H. Andi Baso Amiruddin, S.H., M.H.', 'H. ANDI BASO AMIRUDDIN, S.H., M.H.'],
    ['K.H. Abdul Ghofur', 'K.H. ABDUL GHOFUR'],
    ['Ir. Made Wirawan, MBA', 'Ir. MADE WIRAWAN, MBA'],
    ['Dr. Ahmad, S.Sos., M.A., Ph.D.', 'Dr. AHMAD, S.Sos., M.A., Ph.D.'],
    ['dr. Kirana Puspitasari, Sp.A.', 'dr. KIRANA PUSPITASARI, Sp.A.'],
    ['Budi Santoso S.Kom.', 'BUDI SANTOSO S.Kom.'],
    ['Moh. Ali Rahman', 'MOH. ALI RAHMAN'],
    ['Takehiro Kanō', 'TAKEHIRO KANŌ'],
    ['Paweł Łódźki', 'PAWEŁ ŁÓDŹKI'],
    ['Mr. John Smith', 'Mr. JOHN SMITH'],
    ["Ma'ruf bin Abdullah", "MA'RUF BIN ABDULLAH"],
    ['Dr.rer.nat. Wahyu Hidayat, M.Sc.', 'Dr.rer.nat. WAHYU HIDAYAT, M.Sc.'],
    ['Mayjen TNI (Purn.) Hendra Saputra, S.IP.', 'Mayjen TNI (Purn.) HENDRA SAPUTRA, S.IP.'],
    ['  Siti   Rahmawati ,  M.Si. ', 'SITI RAHMAWATI, M.Si.'],
  ])('%s → %s', (written, printed) => {
    expect(signatoryName(written)).toBe(printed);
  });

  it('keeps an unknown title after the comma as written when it is written like one, and capitalises a name there', () => {
    expect(signatoryName('Budi, M.Tr.Kes.')).toBe('BUDI, M.Tr.Kes.');
    expect(signatoryName('Budi, CFA')).toBe('BUDI, CFA');
    expect(signatoryName('Budi, Sp.1')).toBe('BUDI, Sp.1');
    expect(signatoryName('Santoso, Budi')).toBe('SANTOSO, BUDI');
  });

  it('never turns a physician’s "dr." into a doctorate', () => {
    expect(signatoryName('dr. Ahmad')).not.toMatch(/^DR\./);
  });
});
