/**
 * Signatory names as Indonesian official documents print them: the name in capitals, academic degrees,
 * professional titles and honorifics exactly as written ("dr. NAMA LENGKAP", "Dr. Ir. H. NAMA, S.H.,
 * M.Si."). Upper-casing the whole string would turn a physician's "dr." into "DR." (a doctorate).
 */

/** Titles written before a name: academic, religious, professional, noble and foreign honorifics, ranks. */
const PREFIXES = [
  'dr.',
  'drg.',
  'drh.',
  'Dr.',
  'Drs.',
  'Dra.',
  'Ir.',
  'Prof.',
  'Mr.',
  'Mrs.',
  'Ms.',
  'Miss',
  'Hon.',
  'H.E.',
  'Sir',
  'Dame',
  'H.',
  'Hj.',
  'K.H.',
  'KH.',
  'Tgk.',
  'Ust.',
  'Ustz.',
  'R.',
  'Rd.',
  'R.A.',
  'R.M.',
  'R.Ay.',
  'Rr.',
  'Ns.',
  'apt.',
  'Bc.',
  'Jenderal',
  'Letjen',
  'Mayjen',
  'Brigjen',
  'Kolonel',
  'Kol.',
  'Komjen',
  'Irjen',
  'Kombes',
  'Laksamana',
  'Laksdya',
  'Laksda',
  'Marsekal',
  'Marsdya',
  'Marsda',
  'TNI',
  'Pol.',
  '(Purn.)',
  '(Purn)',
];

/**
 * Degrees and professional titles written after a name (usually after a comma): Indonesian bachelor's,
 * master's and doctoral degrees, medical specialists, vocational diplomas, engineers' and accountants'
 * titles, and the foreign degrees officials hold.
 */
const SUFFIXES = [
  'S.H.',
  'S.E.',
  'S.Sos.',
  'S.Pd.',
  'S.Pd.I.',
  'S.Kom.',
  'S.T.',
  'S.Si.',
  'S.Ag.',
  'S.Ak.',
  'S.IP.',
  'S.I.P.',
  'S.I.Kom.',
  'S.Hut.',
  'S.P.',
  'S.Pt.',
  'S.Pi.',
  'S.Psi.',
  'S.S.',
  'S.Sn.',
  'S.Kep.',
  'S.Ked.',
  'S.KM.',
  'S.K.M.',
  'S.Farm.',
  'S.Gz.',
  'S.Stat.',
  'S.Tr.',
  'S.ST.',
  'S.STP.',
  'S.A.P.',
  'S.AP.',
  'S.H.I.',
  'S.Th.I.',
  'S.Sy.',
  'S.Ars.',
  'S.Kel.',
  'S.Mn.',
  'M.Si.',
  'M.M.',
  'M.Pd.',
  'M.Pd.I.',
  'M.Kes.',
  'M.T.',
  'M.H.',
  'M.H.I.',
  'M.A.',
  'M.Sc.',
  'M.Hum.',
  'M.Ag.',
  'M.Ak.',
  'M.E.',
  'M.E.I.',
  'M.Kom.',
  'M.Eng.',
  'M.AP.',
  'M.A.P.',
  'M.P.',
  'M.Psi.',
  'M.Sn.',
  'M.Farm.',
  'M.Kn.',
  'M.Stat.',
  'M.Han.',
  'M.IP.',
  'M.Kep.',
  'M.Gz.',
  'M.Biomed.',
  'M.Phil.',
  'M.P.H.',
  'M.B.A.',
  'M.Tr.IP.',
  'MBA',
  'MPA',
  'MPP',
  'MPH',
  'MSc',
  'MA',
  'MM',
  'MT',
  'MH',
  'LL.M.',
  'LL.B.',
  'B.Sc.',
  'B.A.',
  'B.Eng.',
  'Ph.D.',
  'PhD',
  'D.Phil.',
  'Dipl.-Ing.',
  'Sp.A.',
  'Sp.B.',
  'Sp.PD.',
  'Sp.OG.',
  'Sp.JP.',
  'Sp.M.',
  'Sp.THT-KL.',
  'Sp.KK.',
  'Sp.DVE.',
  'Sp.S.',
  'Sp.N.',
  'Sp.P.',
  'Sp.Rad.',
  'Sp.An.',
  'Sp.KJ.',
  'Sp.OT.',
  'Sp.U.',
  'Sp.BS.',
  'Sp.PK.',
  'Sp.PA.',
  'Sp.F.',
  'Sp.GK.',
  'Sp.KFR.',
  'Sp.Ort.',
  'Sp.Pros.',
  'Sp.Perio.',
  'Sp.KG.',
  'Sp.BM.',
  'Sp.Ak.',
  'Sp.Not.',
  'A.Md.',
  'A.Ma.',
  'A.Md.Kep.',
  'Amd.',
  'Ak.',
  'CA',
  'CPA',
  'IPU',
  'IPM',
  'IPP',
];

const fold = (token: string) => token.toLocaleLowerCase('id');
const PREFIX_SET = new Set(PREFIXES.map(fold));
const SUFFIX_SET = new Set(SUFFIXES.map(fold));

/** An abbreviation chain such as "Dr.rer.nat." or "S.Kom.": letters, then a dot, then more letters and dots. */
const CHAINED = /^\p{L}+\.(?:-?\p{L}+\.?)+$/u;

const isPrefix = (token: string) => PREFIX_SET.has(fold(token)) || CHAINED.test(token);

/**
 * An unknown token after the comma is a title when it is written like one: it has a dot, a digit or
 * parentheses ("Sp.1", "(Han)"), or it is a short acronym ("MPA", "CFA"). A plain word there ("Budi" in
 * "Santoso, Budi") is a part of the name and is capitalised.
 */
const isSuffix = (token: string) =>
  SUFFIX_SET.has(fold(token)) ||
  /[.\d()]/.test(token) ||
  /^\p{Lu}{2,5}$/u.test(token) ||
  /^\p{Lu}[\p{Ll}\p{Lu}]{1,3}\p{Lu}$/u.test(token);

const upper = (token: string) => token.toLocaleUpperCase('id');

/** Formats one signatory name: the name capitalised, each title kept as written. */
export function signatoryName(written: string): string {
  const text = written.normalize('NFC').replace(/\s+/g, ' ').trim();
  const comma = text.indexOf(',');
  const head = (comma < 0 ? text : text.slice(0, comma)).trim().split(' ').filter(Boolean);
  const tail = comma < 0 ? [] : text.slice(comma + 1).split(',');
  let first = 0;
  while (first < head.length - 1 && isPrefix(head[first] as string)) first++;
  // Degrees written without the comma: "Budi Santoso S.H." keeps its trailing "S.H.".
  let last = head.length;
  while (last > first + 1 && SUFFIX_SET.has(fold(head[last - 1] as string))) last--;
  const name = [...head.slice(0, first), ...head.slice(first, last).map(upper), ...head.slice(last)].join(
    ' ',
  );
  const degrees = tail
    .map((part) =>
      part
        .trim()
        .split(' ')
        .filter(Boolean)
        .map((token) => (isSuffix(token) ? token : upper(token)))
        .join(' '),
    )
    .filter(Boolean);
  return [name, ...degrees].join(', ');
}
