/**
 * An sRGB ICC profile (ICC.1:2001-04, version 2.1, monitor class), built here rather than shipped as a
 * file whose licence would need checking: the primaries adapted to D50 and the sRGB transfer curve of
 * IEC 61966-2-1 sampled at 1024 points, as the common sRGB profiles carry them. It is the destination
 * profile of the PDF/A output intent.
 */

const D50 = [0.9642, 1, 0.8249] as const;
/** sRGB primaries in the profile connection space (Bradford-adapted to D50), red, green, blue. */
const PRIMARIES = [
  [0.4360747, 0.2225045, 0.0139322],
  [0.3850649, 0.7168786, 0.0971045],
  [0.1430804, 0.0606169, 0.7141733],
] as const;

export const SRGB_DESCRIPTION = 'sRGB IEC61966-2.1';

class Bytes {
  private readonly data: number[] = [];
  get length() {
    return this.data.length;
  }
  u8(n: number) {
    this.data.push(n & 0xff);
    return this;
  }
  u16(n: number) {
    return this.u8(n >> 8).u8(n);
  }
  u32(n: number) {
    return this.u16(n >>> 16).u16(n & 0xffff);
  }
  ascii(s: string) {
    for (const c of s) this.u8(c.charCodeAt(0));
    return this;
  }
  s15Fixed16(x: number) {
    return this.u32(Math.round(x * 65536) >>> 0);
  }
  pad() {
    while (this.data.length % 4) this.u8(0);
    return this;
  }
  append(other: Bytes) {
    this.data.push(...other.data);
    return this;
  }
  bytes() {
    return new Uint8Array(this.data);
  }
}

const xyz = (values: readonly number[]) => {
  const b = new Bytes().ascii('XYZ ').u32(0);
  for (const v of values) b.s15Fixed16(v);
  return b;
};

/** textDescriptionType: ASCII, an empty Unicode part and an empty ScriptCode part. */
const description = (text: string) =>
  new Bytes()
    .ascii('desc')
    .u32(0)
    .u32(text.length + 1)
    .ascii(text)
    .u8(0)
    .u32(0)
    .u32(0)
    .u16(0)
    .u8(0)
    .append(new Bytes().ascii('\0'.repeat(67)));

const text = (value: string) => new Bytes().ascii('text').u32(0).ascii(value).u8(0);

/** The sRGB electro-optical transfer function, sampled. */
function curve(points: number): Bytes {
  const b = new Bytes().ascii('curv').u32(0).u32(points);
  for (let i = 0; i < points; i++) {
    const v = i / (points - 1);
    const linear = v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    b.u16(Math.round(linear * 65535));
  }
  return b;
}

let built: Uint8Array | undefined;

export function srgbProfile(): Uint8Array {
  if (built) return built;
  const trc = curve(1024);
  const tags: [string, Bytes][] = [
    ['desc', description(SRGB_DESCRIPTION)],
    ['cprt', text('No copyright, use freely')],
    ['wtpt', xyz(D50)],
    ['rXYZ', xyz(PRIMARIES.map((p) => p[0]))],
    ['gXYZ', xyz(PRIMARIES.map((p) => p[1]))],
    ['bXYZ', xyz(PRIMARIES.map((p) => p[2]))],
    ['rTRC', trc],
    ['gTRC', trc],
    ['bTRC', trc],
  ];
  // The three curves share one copy of their data, as the tag table allows.
  const unique = [...new Set(tags.map(([, data]) => data))];
  const tableSize = 4 + tags.length * 12;
  const offsets = new Map<Bytes, number>();
  const body = new Bytes();
  const offset = 128 + tableSize;
  for (const data of unique) {
    offsets.set(data, offset + body.length);
    body.append(data).pad();
  }
  const size = offset + body.length;
  const header = new Bytes()
    .u32(size)
    .u32(0)
    .u32(0x02100000)
    .ascii('mntrRGB XYZ ')
    .u16(2000)
    .u16(1)
    .u16(1)
    .u16(0)
    .u16(0)
    .u16(0)
    .ascii('acsp')
    .u32(0)
    .u32(0)
    .u32(0)
    .u32(0)
    .u32(0)
    .u32(0)
    .u32(0)
    .s15Fixed16(D50[0])
    .s15Fixed16(D50[1])
    .s15Fixed16(D50[2])
    .u32(0);
  while (header.length < 128) header.u8(0);
  const table = new Bytes().u32(tags.length);
  for (const [signature, data] of tags) {
    table
      .ascii(signature)
      .u32(offsets.get(data) as number)
      .u32(data.length);
  }
  built = new Bytes().append(header).append(table).append(body).bytes();
  return built;
}
