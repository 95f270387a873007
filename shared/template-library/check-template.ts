import { type Condition, PLACEHOLDERS, REQUIRED_ARTICLES, type TemplateFile } from '../documents/template.js';
import { say } from '../form/messages.js';
import { type Locate, type Path, type TemplateProblem, whereIs } from './problems.js';

/** The stored template, once read (not the file, whose comments and layout may take far more). */
export const MAX_TEMPLATE_TEXT_BYTES = 256 * 1024;

/** Where a text may hold placeholders: nowhere (it is printed as written), or with these names. */
type Context = keyof typeof PLACEHOLDERS | 'literal';

interface TextAt {
  path: Path;
  text: { id: string; en?: string };
  context: Context;
  when: readonly Condition[];
}

/** Every text of the template with what fills it and the conditions under which a draft shows it. */
function* texts(t: TemplateFile): Generator<TextAt> {
  yield { path: ['name'], text: t.name, context: 'literal', when: [] };
  yield { path: ['heading'], text: t.heading, context: 'literal', when: [] };
  for (const part of ['opening', 'recitals', 'closing'] as const) {
    for (const [i, c] of t[part].entries()) {
      yield { path: [part, i], text: c, context: c.each ?? 'everywhere', when: c.when ?? [] };
    }
  }
  for (const [i, a] of t.articles.entries()) {
    const inArticle = a.when ?? [];
    yield { path: ['articles', i, 'heading'], text: a.heading, context: 'literal', when: inArticle };
    for (const [j, c] of a.clauses.entries()) {
      yield {
        path: ['articles', i, 'clauses', j],
        text: c,
        context: c.each ?? 'everywhere',
        when: [...inArticle, ...(c.when ?? [])],
      };
    }
  }
  yield { path: ['signature', 'for'], text: t.signature.for, context: 'signature', when: [] };
}

/** Conditions no draft meets together: a text that needs both never appears. */
const EXCLUSIVE: readonly (readonly Condition[])[] = [
  ['foreign', 'domestic'],
  ['bilingual', 'monolingual'],
  ['hasFinancing', 'noFinancing'],
  ['hasDuration', 'noDuration'],
  ['effectiveOnSigning', 'effectiveOnDate'],
  ['prevailingId', 'prevailingEn', 'prevailingEqual'],
];

const PLACEHOLDER = /\{([^{}]*)\}/g;

function placeholderProblems(at: TextAt, problem: (path: Path, m: TemplateProblem['message']) => void) {
  const allowed: readonly string[] =
    at.context === 'literal' ? [] : [...PLACEHOLDERS.everywhere, ...PLACEHOLDERS[at.context]];
  for (const lang of ['id', 'en'] as const) {
    const value = at.text[lang];
    if (value === undefined) continue;
    const path = [...at.path, lang];
    for (const [, name = ''] of value.matchAll(PLACEHOLDER)) {
      if (allowed.includes(name)) continue;
      if (at.context === 'literal') {
        problem(
          path,
          say(
            `{${name}}: teks ini dicetak apa adanya, tanpa isian`,
            `{${name}}: this text is printed as written, without placeholders`,
          ),
        );
      } else {
        const known = allowed.map((p) => `{${p}}`).join(' ');
        problem(
          path,
          say(
            `isian {${name}} tidak dikenal di sini; yang dikenal: ${known}`,
            `unknown placeholder {${name}} here; known here: ${known}`,
          ),
        );
      }
    }
    if (/[{}]/.test(value.replace(PLACEHOLDER, ''))) {
      problem(
        path,
        say(
          'kurung kurawal tanpa pasangannya: isian ditulis {nama}',
          'a brace without its pair: placeholders are written {name}',
        ),
      );
    }
  }
}

/**
 * The rules a template's content must meet beyond its shape: the articles its document type must
 * have (and may not mark optional), each article once, every placeholder known where it stands,
 * English wherever a bilingual document can show the text, no text that can never appear, and a
 * size the store keeps.
 */
export function checkTemplate(t: TemplateFile, locate: Locate = () => undefined): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const problem = (path: Path, message: TemplateProblem['message'], article?: string) => {
    const line = locate(path);
    problems.push({
      ...whereIs(t, path),
      ...(article ? { article } : {}),
      ...(line ? { line } : {}),
      message,
    });
  };
  const keys = t.articles.map((a) => a.key);
  for (const key of REQUIRED_ARTICLES[t.documentType]) {
    const index = keys.indexOf(key);
    if (index < 0) {
      problem(
        ['articles'],
        say(
          `pasal "${key}" wajib ada dalam setiap ${t.documentType}`,
          `the article "${key}" is required in every ${t.documentType}`,
        ),
        key,
      );
    } else if (t.articles[index]?.optional) {
      problem(
        ['articles', index, 'optional'],
        say(
          `pasal "${key}" wajib dalam setiap ${t.documentType}: tidak dapat opsional`,
          `the article "${key}" is required in every ${t.documentType}: it cannot be optional`,
        ),
      );
    }
  }
  keys.forEach((key, i) => {
    if (keys.indexOf(key) !== i) {
      problem(
        ['articles', i, 'key'],
        say(`pasal "${key}" muncul dua kali`, `the article "${key}" appears twice`),
      );
    }
  });
  for (const at of texts(t)) {
    placeholderProblems(at, problem);
    if (at.text.en === undefined && !at.when.includes('monolingual')) {
      problem(
        [...at.path, 'en'],
        say(
          'teks bahasa Inggris (en) tidak ada, padahal dokumen dwibahasa menampilkannya',
          'the English text (en) is missing, and a bilingual document shows it',
        ),
      );
    }
    const clash = EXCLUSIVE.find((set) => set.filter((c) => at.when.includes(c)).length > 1);
    if (clash) {
      const both = clash.filter((c) => at.when.includes(c)).join(' + ');
      problem(
        at.path,
        say(
          `tidak pernah tampil: syarat ${both} tidak dapat berlaku bersamaan`,
          `never appears: the conditions ${both} cannot hold together`,
        ),
      );
    }
  }
  const size = new TextEncoder().encode(JSON.stringify(t)).byteLength;
  if (size > MAX_TEMPLATE_TEXT_BYTES) {
    problem(
      [],
      say(
        `teks templat ${Math.ceil(size / 1024)} KB; paling banyak ${MAX_TEMPLATE_TEXT_BYTES / 1024} KB`,
        `the template's text is ${Math.ceil(size / 1024)} KB; at most ${MAX_TEMPLATE_TEXT_BYTES / 1024} KB`,
      ),
    );
  }
  return problems;
}
