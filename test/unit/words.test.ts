import { describe, expect, it } from 'vitest';
import {
  dateInWordsEnglish,
  dateInWordsIndonesian,
  numberToEnglish,
  numberToIndonesian,
  ordinalToEnglish,
} from '../../shared/documents/words.js';

describe('numbers in words', () => {
  it.each([
    [1, 'satu', 'one'],
    [10, 'sepuluh', 'ten'],
    [11, 'sebelas', 'eleven'],
    [12, 'dua belas', 'twelve'],
    [20, 'dua puluh', 'twenty'],
    [28, 'dua puluh delapan', 'twenty-eight'],
    [100, 'seratus', 'one hundred'],
    [111, 'seratus sebelas', 'one hundred and eleven'],
    [600, 'enam ratus', 'six hundred'],
    [1000, 'seribu', 'one thousand'],
    [1999, 'seribu sembilan ratus sembilan puluh sembilan', 'one thousand nine hundred and ninety-nine'],
    [2000, 'dua ribu', 'two thousand'],
    [2024, 'dua ribu dua puluh empat', 'two thousand and twenty-four'],
    [11000, 'sebelas ribu', 'eleven thousand'],
    [1_000_000, 'satu juta', 'one million'],
  ])('%i → %s / %s', (n, id, en) => {
    expect(numberToIndonesian(n)).toBe(id);
    expect(numberToEnglish(n)).toBe(en);
  });

  it.each([
    [1, 'first'],
    [2, 'second'],
    [3, 'third'],
    [5, 'fifth'],
    [8, 'eighth'],
    [9, 'ninth'],
    [12, 'twelfth'],
    [20, 'twentieth'],
    [22, 'twenty-second'],
    [30, 'thirtieth'],
    [31, 'thirty-first'],
  ])('ordinal %i → %s', (n, en) => {
    expect(ordinalToEnglish(n)).toBe(en);
  });

  it('refuses negative and fractional numbers', () => {
    expect(() => numberToIndonesian(-1)).toThrow(RangeError);
    expect(() => numberToEnglish(1.5)).toThrow(RangeError);
  });
});

describe('dates in words', () => {
  it('writes the domain brief example', () => {
    expect(dateInWordsIndonesian('2024-02-28')).toBe(
      'Rabu, tanggal dua puluh delapan bulan Februari tahun dua ribu dua puluh empat',
    );
    expect(dateInWordsEnglish('2024-02-28')).toBe(
      'Wednesday, the twenty-eighth day of February in the year two thousand and twenty-four',
    );
  });

  it.each([
    [
      '2024-02-29',
      'Kamis, tanggal dua puluh sembilan bulan Februari tahun dua ribu dua puluh empat',
      'Thursday, the twenty-ninth day of February in the year two thousand and twenty-four',
    ],
    [
      '2000-01-01',
      'Sabtu, tanggal satu bulan Januari tahun dua ribu',
      'Saturday, the first day of January in the year two thousand',
    ],
    [
      '1999-12-31',
      'Jumat, tanggal tiga puluh satu bulan Desember tahun seribu sembilan ratus sembilan puluh sembilan',
      'Friday, the thirty-first day of December in the year one thousand nine hundred and ninety-nine',
    ],
    [
      '2019-08-06',
      'Selasa, tanggal enam bulan Agustus tahun dua ribu sembilan belas',
      'Tuesday, the sixth day of August in the year two thousand and nineteen',
    ],
    [
      '2100-03-01',
      'Senin, tanggal satu bulan Maret tahun dua ribu seratus',
      'Monday, the first day of March in the year two thousand one hundred',
    ],
  ])('%s', (iso, id, en) => {
    expect(dateInWordsIndonesian(iso)).toBe(id);
    expect(dateInWordsEnglish(iso)).toBe(en);
  });

  it('does not depend on the machine time zone', () => {
    const original = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      expect(dateInWordsIndonesian('2024-01-01')).toMatch(/^Senin/);
    } finally {
      process.env.TZ = original;
    }
  });
});
