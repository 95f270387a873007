import { SaxesParser, type SaxesTagNS } from 'saxes';
import { pngProblem } from '../documents/png.js';
import { type Bilingual, say } from '../form/messages.js';

/**
 * The region's emblem as an administrator uploads it: a PNG or an SVG of at most 1 MB, accepted only
 * once it has been read by a parser. PNG: the project's PNG reader (signature, chunk CRCs, IHDR with
 * sane dimensions, the image data inflated and unfiltered). SVG: parsed as XML (saxes, namespaces
 * resolved), and refused when it could run or fetch anything: scripts, event handlers, foreign
 * content, a DOCTYPE (entities), processing instructions, references other than `#fragments`.
 */
export const EMBLEM_TYPES = ['image/png', 'image/svg+xml'] as const;
export type EmblemType = (typeof EMBLEM_TYPES)[number];
export const MAX_REGION_EMBLEM_BYTES = 1024 * 1024;

export const EMBLEM_EXTENSIONS: Record<EmblemType, string> = { 'image/png': 'png', 'image/svg+xml': 'svg' };

export const EMBLEM_TOO_LARGE = say(
  `berkas terlalu besar: paling besar ${MAX_REGION_EMBLEM_BYTES / 1024 / 1024} MB`,
  `the file is too large: at most ${MAX_REGION_EMBLEM_BYTES / 1024 / 1024} MB`,
);

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** What a static drawing is made of: no script, animation, link, foreign content or external loading. */
const SVG_ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'symbol',
  'use',
  'title',
  'desc',
  'metadata',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'textPath',
  'linearGradient',
  'radialGradient',
  'stop',
  'clipPath',
  'mask',
  'pattern',
  'marker',
  'style',
  'image',
  'filter',
  'feBlend',
  'feColorMatrix',
  'feComponentTransfer',
  'feComposite',
  'feDropShadow',
  'feFlood',
  'feFuncA',
  'feFuncB',
  'feFuncG',
  'feFuncR',
  'feGaussianBlur',
  'feMerge',
  'feMergeNode',
  'feMorphology',
  'feOffset',
]);

/** Editors' and metadata vocabularies (Inkscape, RDF, Dublin Core, Creative Commons): renderers ignore them. */
const INERT_NAMESPACES = new Set([
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  'http://purl.org/dc/elements/1.1/',
  'http://creativecommons.org/ns#',
  'http://web.resource.org/cc/',
  'http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd',
  'http://www.inkscape.org/namespaces/inkscape',
]);

/** An embedded raster in an `<image>`: its bytes are in the file, nothing is fetched. */
const EMBEDDED_RASTER = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=\s]*$/;
/** CSS in a style attribute or element: `url(…)` and `@import` reach out; escapes could hide either. */
const CSS_URL = /url\(\s*(['"]?)([^'")]*)\1\s*\)/gi;

const MAX_ELEMENTS = 20_000;
const MAX_DEPTH = 64;

class SvgProblem extends Error {
  constructor(readonly problem: Bilingual) {
    super(problem.en);
  }
}

const refuse = (id: string, en: string): never => {
  throw new SvgProblem(say(id, en));
};

/** CSS text that references nothing outside the file. */
function checkCss(css: string, where: string) {
  if (css.includes('\\')) {
    refuse(
      `${where}: CSS dengan escape (\\) tidak diterima`,
      `${where}: CSS with escapes (\\) is not accepted`,
    );
  }
  if (/@import/i.test(css)) refuse(`${where}: @import tidak diterima`, `${where}: @import is not accepted`);
  const stripped = css.replace(CSS_URL, (_, _q, target: string) => {
    if (!target.trim().startsWith('#')) {
      refuse(
        `${where} merujuk ke luar berkas (${target.trim()}): hanya rujukan #id di dalam berkas yang diterima`,
        `${where} refers outside the file (${target.trim()}): only #id references within the file are accepted`,
      );
    }
    return '';
  });
  if (/url\s*\(/i.test(stripped)) refuse(`${where}: url() tidak sah`, `${where}: an invalid url()`);
}

/**
 * Checks an SVG file; returns the problem, or undefined for a static drawing. The rasteriser and
 * browsers (as an image) draw it without loading anything, and opened on its own it runs nothing.
 */
export function svgProblem(bytes: Uint8Array): Bilingual | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return say(
      'bukan berkas SVG: isinya bukan teks UTF-8',
      'is not an SVG file: its content is not UTF-8 text',
    );
  }
  const parser = new SaxesParser({ xmlns: true, position: false });
  const open: SaxesTagNS[] = [];
  let elements = 0;
  let root: string | undefined;
  let inStyle = false;
  /** Ids of elements with a <use> inside, and what each <use> points at: nested reuse multiplies. */
  const reusing = new Set<string>();
  const targets: string[] = [];
  parser.on('doctype', () =>
    refuse(
      'DOCTYPE (dan entitas) tidak diterima dalam SVG',
      'a DOCTYPE (and entities) are not accepted in an SVG',
    ),
  );
  parser.on('processinginstruction', (pi) =>
    refuse(
      `instruksi pemrosesan <?${pi.target}?> tidak diterima`,
      `the processing instruction <?${pi.target}?> is not accepted`,
    ),
  );
  parser.on('opentag', (tag) => {
    elements++;
    if (elements > MAX_ELEMENTS || open.length >= MAX_DEPTH) {
      refuse('SVG terlalu rumit untuk sebuah lambang', 'the SVG is too complex for an emblem');
    }
    const insideInert = open.some((t) => INERT_NAMESPACES.has(t.uri) || t.local === 'metadata');
    if (root === undefined) {
      root = tag.local;
      if (tag.uri !== SVG_NS || tag.local !== 'svg') {
        refuse(
          'bukan gambar SVG: elemen akarnya bukan <svg> dalam namespace SVG',
          'is not an SVG image: its root is not <svg> in the SVG namespace',
        );
      }
    }
    if (tag.uri === SVG_NS) {
      if (!SVG_ELEMENTS.has(tag.local)) {
        refuse(
          `elemen <${tag.local}> tidak diterima dalam lambang`,
          `the element <${tag.local}> is not accepted in an emblem`,
        );
      }
    } else if (!INERT_NAMESPACES.has(tag.uri) && !insideInert) {
      refuse(
        `elemen <${tag.name}> dari namespace lain (${tag.uri || 'tanpa namespace'}) tidak diterima`,
        `the element <${tag.name}> of another namespace (${tag.uri || 'none'}) is not accepted`,
      );
    }
    for (const attribute of Object.values(tag.attributes)) {
      const name = attribute.local.toLowerCase();
      const where = `<${tag.local} ${attribute.name}>`;
      if (name.startsWith('on')) {
        refuse(
          `atribut peristiwa ${attribute.name} tidak diterima`,
          `the event-handler attribute ${attribute.name} is not accepted`,
        );
      }
      const isHref = name === 'href' && (attribute.uri === '' || attribute.uri === XLINK_NS);
      if (isHref) {
        const value = attribute.value.trim();
        const embedded = tag.local === 'image' && tag.uri === SVG_NS && EMBEDDED_RASTER.test(value);
        if (!value.startsWith('#') && !embedded) {
          refuse(
            `${where} merujuk ke luar berkas: hanya rujukan #id di dalam berkas yang diterima`,
            `${where} refers outside the file: only #id references within the file are accepted`,
          );
        }
        if (tag.local === 'use') targets.push(value.slice(1));
      } else if (attribute.uri === XLINK_NS || name === 'src') {
        refuse(`atribut ${attribute.name} tidak diterima`, `the attribute ${attribute.name} is not accepted`);
      } else {
        checkCss(attribute.value, where);
      }
    }
    if (tag.local === 'use') {
      for (const t of open) {
        const id = t.attributes.id?.value;
        if (id) reusing.add(id);
      }
    }
    inStyle = tag.local === 'style' && tag.uri === SVG_NS;
    if (!tag.isSelfClosing) open.push(tag);
  });
  parser.on('closetag', () => {
    open.pop();
    inStyle = false;
  });
  const styleText = (css: string) => {
    if (inStyle) checkCss(css, '<style>');
  };
  parser.on('text', styleText);
  parser.on('cdata', styleText);
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof SvgProblem) return error.problem;
    const reason = (error as Error).message.split('\n')[0] ?? '';
    return say(
      `bukan berkas SVG (XML) yang sah: ${reason}`,
      `is not a well-formed SVG (XML) file: ${reason}`,
    );
  }
  if (root === undefined)
    return say('bukan gambar SVG: tidak ada elemen <svg>', 'is not an SVG image: it has no <svg> element');
  if (targets.some((t) => reusing.has(t))) {
    return say(
      '<use> yang merujuk ke kelompok berisi <use> lain tidak diterima (penggandaan berlipat)',
      '<use> of a group that itself holds a <use> is not accepted (reuse that multiplies)',
    );
  }
  return undefined;
}

/** Why `bytes`, uploaded as `contentType`, cannot be the region's emblem; undefined when it can. */
export function emblemProblem(bytes: Uint8Array, contentType: EmblemType): Bilingual | undefined {
  if (bytes.length === 0) return say('berkas kosong', 'the file is empty');
  if (bytes.length > MAX_REGION_EMBLEM_BYTES) return EMBLEM_TOO_LARGE;
  return contentType === 'image/png' ? pngProblem(bytes) : svgProblem(bytes);
}
