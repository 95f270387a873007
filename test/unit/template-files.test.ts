import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeDocument } from '../../shared/documents/compose.js';
import { sha256 } from '../../shared/hash.js';
import { MAX_TEMPLATE_BYTES } from '../../shared/template-library/candidates.js';
import { readTemplateFile } from '../../shared/template-library/template-file.js';
import { BUILTIN_FILES, builtTemplates } from '../../templates/build.js';
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { renderCase } from '../support/documents.js';
import { modelFixture, templateCases } from '../support/template-cases.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/templates-v1/${name}`, import.meta.url), 'utf8');
const templateText = (file: string) =>
  readFileSync(new URL(`../../templates/${file}`, import.meta.url), 'utf8');
const read = (text: string) => readTemplateFile(new TextEncoder().encode(text));

describe('the built-in templates as YAML', () => {
  it('compile to the committed builtin.json and template.schema.json (npm run build:templates)', () => {
    const { schema, builtin } = builtTemplates();
    expect(templateText('builtin.json')).toBe(builtin);
    expect(templateText('template.schema.json')).toBe(schema);
  });

  it('compose every form variant exactly as the TypeScript templates did', () => {
    const whole = JSON.parse(fixture('models.json')) as Record<string, unknown>;
    const hashes = JSON.parse(fixture('model-hashes.json')) as Record<string, string>;
    const cases = templateCases();
    expect(cases.map((c) => c.name)).toEqual(Object.keys(hashes));
    for (const c of cases) {
      const model = modelFixture(
        composeDocument(c.form, BUILTIN_TEMPLATES[c.form.documentType], {
          documentNumber: 'FIXTURE/1',
          ...(c.parent ? { parent: c.parent } : {}),
        }),
      );
      if (whole[c.name]) expect(model, c.name).toEqual(whole[c.name]);
      expect(sha256(new TextEncoder().encode(JSON.stringify(model))), c.name).toBe(hashes[c.name]);
    }
  });

  it.each(['loi', 'mou', 'pks', 'ksb'] as const)(
    'render the %s sample to the same text (pdftotext)',
    async (name) => {
      const { pdf } = await renderCase(name);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
      expect(text).toBe(fixture(`${name}.pdf.txt`));
    },
  );
});

/** The MoU file with one edit made to its text. */
const mouWith = (from: string | RegExp, to: string) => {
  const text = templateText(BUILTIN_FILES.MOU);
  const changed = text.replace(from, to);
  expect(changed).not.toBe(text);
  return changed;
};
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('an uploaded template that is refused', () => {
  it('lacks a required article: the article is named', () => {
    const text = mouWith(/ {2}- key: financing\n[\s\S]*?(?= {2}- key: duration)/, '');
    const { template, problems } = read(text);
    expect(template).toBeUndefined();
    expect(problems).toEqual([
      {
        article: 'financing',
        path: 'articles',
        line: lineOf(text, '  - key: purpose'),
        message: {
          id: 'pasal "financing" wajib ada dalam setiap MOU',
          en: 'the article "financing" is required in every MOU',
        },
      },
    ]);
  });

  it('uses an unknown placeholder: article, clause and line', () => {
    const text = mouWith('en: "{purpose}"', 'en: "{purpose} {tujuan}"');
    const { problems } = read(text);
    expect(problems).toEqual([
      expect.objectContaining({
        article: 'purpose',
        clause: 1,
        path: 'articles[0].clauses[0].en',
        line: lineOf(text, '{tujuan}'),
      }),
    ]);
    expect(problems[0]?.message.en).toMatch(
      /^unknown placeholder \{tujuan\} here; known here: \{documentName\}/,
    );
  });

  it('uses a placeholder outside the repetition that fills it', () => {
    const text = mouWith(
      'en: "Other agreed field: {otherField}."',
      'en: "Other agreed field of {party.name}."',
    );
    expect(read(text).problems).toEqual([
      expect.objectContaining({ article: 'scope', clause: 3, line: lineOf(text, 'Other agreed field of') }),
    ]);
  });

  it('misses the English text of a clause a bilingual document shows', () => {
    const text = mouWith(/\n {8}en: This \{documentName\} may be amended[^\n]*\n[^\n]*/, '');
    expect(read(text).problems).toEqual([
      {
        article: 'amendment',
        clause: 1,
        path: 'articles[7].clauses[0].en',
        line: lineOf(text, 'ini dapat diubah atas kesepakatan') - 0,
        message: expect.objectContaining({
          en: 'the English text (en) is missing, and a bilingual document shows it',
        }),
      },
    ]);
  });

  it('may leave out English where only a monolingual document shows the clause', () => {
    const text = mouWith(
      /(- key: amendment\n {4}heading:\n[^\n]*\n[^\n]*\n {4}clauses:\n)/,
      '$1      - when: [monolingual]\n        id: Klausul hanya dalam naskah berbahasa Indonesia.\n',
    );
    const { template, problems } = read(text);
    expect(problems).toEqual([]);
    expect(template?.articles.find((a) => a.key === 'amendment')?.clauses[0]).toEqual({
      when: ['monolingual'],
      id: 'Klausul hanya dalam naskah berbahasa Indonesia.',
    });
  });

  it('has a YAML syntax error: its line', () => {
    const text = mouWith('  - key: scope\n', '  - key: scope\n   heading: [unclosed\n');
    const { template, problems } = read(text);
    expect(template).toBeUndefined();
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ section: 'file', line: lineOf(text, 'heading: [unclosed') });
    expect(problems[0]?.message.en).toMatch(/^YAML syntax error: /);
  });

  it('is over 1 MB', () => {
    const text = `${templateText(BUILTIN_FILES.MOU)}\n#${'x'.repeat(MAX_TEMPLATE_BYTES)}`;
    expect(read(text).problems).toEqual([
      {
        section: 'file',
        message: expect.objectContaining({ en: `the file is over 1 MB (${text.length} bytes)` }),
      },
    ]);
  });

  it('names each problem of a template with several', () => {
    let text = mouWith('en: "{purpose}"', 'en: "{purpose} {tujuan}"');
    text = text.replace(/\n {8}en: This \{documentName\} may be amended[^\n]*\n[^\n]*/, '');
    text = text.replace('  - key: disputes\n', '  - key: disputes\n    optinal: true\n');
    const problems = read(text).problems;
    // The shape is checked first: an unknown field is named before the rules run.
    expect(problems).toEqual([
      expect.objectContaining({ article: 'disputes', line: lineOf(text, '- key: disputes') }),
    ]);
    expect(problems[0]?.message.en).toBe('unknown keys: optinal');
    const rules = read(text.replace('    optinal: true\n', '')).problems;
    expect(rules.map((p) => [p.article, p.clause])).toEqual([
      ['purpose', 1],
      ['amendment', 1],
    ]);
  });

  it('marks a required article optional, repeats an article, or sets conditions that never hold', () => {
    let text = mouWith('  - key: disputes\n', '  - key: disputes\n    optional: true\n');
    text = text.replace('  - key: amendment\n', '  - key: purpose\n');
    text = text.replace('when: [hasParent]', 'when: [hasParent, foreign, domestic]');
    expect(read(text).problems.map((p) => [p.section ?? p.article, p.clause, p.message.en])).toEqual([
      ['disputes', undefined, 'the article "disputes" is required in every MOU: it cannot be optional'],
      ['amendment', undefined, 'the article "amendment" is required in every MOU'],
      ['purpose', undefined, 'the article "purpose" appears twice'],
      ['recitals', 4, 'never appears: the conditions foreign + domestic cannot hold together'],
    ]);
  });

  it('is not a template at all', () => {
    expect(read('- just\n- a list\n').problems[0]?.message.en).toBe('must be an object');
    expect(readTemplateFile(new Uint8Array([0xff, 0xfe, 0x00])).problems[0]?.message.en).toBe(
      'the file is not UTF-8 text',
    );
  });

  it('expands aliases past a bound (a billion laughs)', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++)
      lines.push(
        `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(10)
          .fill(`*${i ? 'bcdefghi'[i - 1] : 'a'}`)
          .join(',')}]`,
      );
    const started = performance.now();
    expect(read(lines.join('\n')).problems[0]?.message.en).toMatch(/^the YAML cannot be read: /);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
