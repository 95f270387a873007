/** Numbers and dates written out in words, as Indonesian agreements state them. */

const ID_UNITS = [
  'nol',
  'satu',
  'dua',
  'tiga',
  'empat',
  'lima',
  'enam',
  'tujuh',
  'delapan',
  'sembilan',
  'sepuluh',
  'sebelas',
];

/** Indonesian cardinal: 2019 → "dua ribu sembilan belas", 100 → "seratus", 1000 → "seribu". */
export function numberToIndonesian(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e12) throw new RangeError(`unsupported number ${n}`);
  if (n < 12) return ID_UNITS[n] as string;
  if (n < 20) return `${numberToIndonesian(n - 10)} belas`;
  const scales: [number, string, string][] = [
    [1e9, ' miliar', ''],
    [1e6, ' juta', ''],
    [1000, ' ribu', 'seribu'],
    [100, ' ratus', 'seratus'],
    [10, ' puluh', ''],
  ];
  for (const [size, word, one] of scales) {
    if (n < size) continue;
    const head = Math.floor(n / size);
    const rest = n % size;
    const lead = head === 1 && one ? one : `${numberToIndonesian(head)}${word}`;
    return rest ? `${lead} ${numberToIndonesian(rest)}` : lead;
  }
  throw new RangeError(`unsupported number ${n}`);
}

const EN_UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** English cardinal in the British form used in treaties: 2019 → "two thousand and nineteen". */
export function numberToEnglish(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e12) throw new RangeError(`unsupported number ${n}`);
  if (n < 20) return EN_UNITS[n] as string;
  if (n < 100) {
    const unit = n % 10;
    return `${EN_TENS[Math.floor(n / 10)]}${unit ? `-${EN_UNITS[unit]}` : ''}`;
  }
  if (n < 1000) {
    const rest = n % 100;
    return `${EN_UNITS[Math.floor(n / 100)]} hundred${rest ? ` and ${numberToEnglish(rest)}` : ''}`;
  }
  const scales: [number, string][] = [
    [1e9, 'billion'],
    [1e6, 'million'],
    [1000, 'thousand'],
  ];
  for (const [size, word] of scales) {
    if (n < size) continue;
    const rest = n % size;
    const lead = `${numberToEnglish(Math.floor(n / size))} ${word}`;
    if (!rest) return lead;
    return rest < 100 ? `${lead} and ${numberToEnglish(rest)}` : `${lead} ${numberToEnglish(rest)}`;
  }
  throw new RangeError(`unsupported number ${n}`);
}

const EN_ORDINAL_IRREGULAR: Record<string, string> = {
  one: 'first',
  two: 'second',
  three: 'third',
  five: 'fifth',
  eight: 'eighth',
  nine: 'ninth',
  twelve: 'twelfth',
};

/** English ordinal in words: 1 → "first", 22 → "twenty-second", 30 → "thirtieth". */
export function ordinalToEnglish(n: number): string {
  const words = numberToEnglish(n);
  const match = /([a-z]+)$/.exec(words);
  const last = match?.[1] ?? words;
  const stem = words.slice(0, words.length - last.length);
  const irregular = EN_ORDINAL_IRREGULAR[last];
  if (irregular) return stem + irregular;
  if (last.endsWith('y')) return `${stem}${last.slice(0, -1)}ieth`;
  return `${stem}${last}th`;
}

const ID_MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const ID_DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const EN_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface CalendarDate {
  year: number;
  month: number;
  day: number;
  weekday: number;
}

/** Reads an ISO date (YYYY-MM-DD) as a calendar date, independent of the machine's time zone. */
function calendar(iso: string): CalendarDate {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { year, month, day, weekday };
}

/** "Selasa, tanggal enam bulan Agustus tahun dua ribu sembilan belas" */
export function dateInWordsIndonesian(iso: string): string {
  const d = calendar(iso);
  return `${ID_DAYS[d.weekday]}, tanggal ${numberToIndonesian(d.day)} bulan ${ID_MONTHS[d.month - 1]} tahun ${numberToIndonesian(d.year)}`;
}

/** "Tuesday, the sixth day of August in the year two thousand and nineteen" */
export function dateInWordsEnglish(iso: string): string {
  const d = calendar(iso);
  return `${EN_DAYS[d.weekday]}, the ${ordinalToEnglish(d.day)} day of ${EN_MONTHS[d.month - 1]} in the year ${numberToEnglish(d.year)}`;
}

/** "6 Agustus 2019" */
export const shortDateIndonesian = (iso: string): string => {
  const d = calendar(iso);
  return `${d.day} ${ID_MONTHS[d.month - 1]} ${d.year}`;
};

/** "6 August 2019" */
export const shortDateEnglish = (iso: string): string => {
  const d = calendar(iso);
  return `${d.day} ${EN_MONTHS[d.month - 1]} ${d.year}`;
};
