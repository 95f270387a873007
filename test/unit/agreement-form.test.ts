import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors.js';
import { parseAgreementForm } from '../../shared/form/agreement-form.js';
import { sample } from '../support/samples.js';

function issuesOf(input: unknown) {
  try {
    parseAgreementForm(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected the form to be rejected');
}

function expectIssue(input: unknown, path: string, fragment: RegExp) {
  const issues = issuesOf(input);
  const issue = issues.find((i) => i.path === path);
  expect(issue, `no issue at ${path}; got ${JSON.stringify(issues)}`).toBeDefined();
  expect(issue?.message.en).toMatch(fragment);
  expect(issue?.message.id.length).toBeGreaterThan(3);
  expect(issue?.message.id).not.toBe(issue?.message.en);
}

describe('agreement form', () => {
  it.each(['mou', 'pks', 'loi'] as const)('accepts the %s sample as it is', (name) => {
    const form = parseAgreementForm(sample(name));
    expect(form.parties.length).toBeGreaterThanOrEqual(2);
  });

  it('ignores unknown keys rather than failing', () => {
    const form = parseAgreementForm({ ...sample('mou'), clientNote: 'x' });
    expect(form).not.toHaveProperty('clientNote');
  });

  it('requires the second language for foreign categories', () => {
    const form = sample('mou');
    form.languages = ['id'];
    expectIssue(form, 'languages', /must be bilingual/);
  });

  it('requires English text everywhere in a bilingual document, by path', () => {
    const form = sample('mou');
    delete form.parties[1].signatory.position.en;
    expectIssue(form, 'parties[1].signatory.position.en', /English text is required/);
  });

  it('rejects English text in an Indonesian-only document', () => {
    const form = sample('pks');
    form.purpose.en = 'Purpose';
    expectIssue(form, 'purpose.en', /Indonesian only/);
  });

  it('requires the prevailing language when there are two languages', () => {
    const form = sample('mou');
    delete form.prevailingLanguage;
    expectIssue(form, 'prevailingLanguage', /required for a bilingual/);
  });

  it('requires obligations for a PKS, for every party', () => {
    const form = sample('pks');
    delete form.obligations;
    expectIssue(form, 'obligations', /required for a PKS/);
    const partial = sample('pks');
    partial.obligations = partial.obligations.slice(0, 1);
    expectIssue(partial, 'obligations', /party 1 are missing/);
  });

  it('refuses obligations outside a PKS', () => {
    const form = sample('mou');
    form.obligations = [{ party: 0, items: [{ id: 'x', en: 'y' }] }];
    expectIssue(form, 'obligations', /PKS only/);
  });

  it('requires otherField with "other"', () => {
    const form = sample('mou');
    form.fields.push('other');
    expectIssue(form, 'otherField', /"other"/);
  });

  it('checks party indexes', () => {
    const form = sample('mou');
    form.contacts[1].party = 2;
    expectIssue(form, 'contacts[1].party', /no party 2: use 0 to 1/);
    const pks = sample('pks');
    pks.obligations[1].party = 5;
    expectIssue(pks, 'obligations[1].party', /no party 5/);
  });

  it.each(['2023-02-29', '2024-13-01', '2024-04-31', '17-08-2024', 'tomorrow'])(
    'rejects the impossible date %s',
    (date) => {
      const form = sample('mou');
      form.signing.date = date;
      expectIssue(form, 'signing.date', /real date/);
      const effective = sample('pks');
      effective.effectiveFrom = date;
      expectIssue(effective, 'effectiveFrom', /"signing".*or a real date/);
    },
  );

  it('accepts a leap day', () => {
    const form = sample('mou');
    form.signing.date = '2024-02-29';
    expect(parseAgreementForm(form).signing.date).toBe('2024-02-29');
  });

  it.each([0, 31, 100, 2.5])('rejects durationYears %s', (years) => {
    const form = sample('mou');
    form.durationYears = years;
    expectIssue(form, 'durationYears', /at most 30|at least 1|whole number/);
  });

  it('requires a duration for MoU and PKS but not for an LoI', () => {
    const form = sample('mou');
    delete form.durationYears;
    expectIssue(form, 'durationYears', /required/);
    expect(() => parseAgreementForm(sample('loi'))).not.toThrow();
  });

  it('needs at least two parties', () => {
    const form = sample('mou');
    form.parties = form.parties.slice(0, 1);
    expectIssue(form, 'parties', /at least 2/);
  });

  it('names a missing required field by its path', () => {
    const form = sample('pks');
    delete form.parties[1].signatory.name;
    expectIssue(form, 'parties[1].signatory.name', /required/);
    const empty = sample('pks');
    empty.title.id = '   ';
    expectIssue(empty, 'title.id', /required/);
  });

  it('rejects unknown document types and categories with the allowed values', () => {
    expectIssue({ ...sample('mou'), documentType: 'MEMO' }, 'documentType', /"LOI", "MOU", "PKS"/);
    expectIssue({ ...sample('mou'), category: 'KSX' }, 'category', /one of/);
  });

  it('rejects markup and control characters in texts', () => {
    const markup = sample('mou');
    markup.title.en = 'Sister <b>Province</b>';
    expectIssue(markup, 'title.en', /markup/);
    const control = sample('mou');
    control.parties[0].signatory.name = 'Bramantyo\u0007 Adiwinata';
    expectIssue(control, 'parties[0].signatory.name', /control characters/);
    const entity = sample('mou');
    entity.purpose.id = 'a &amp; b';
    expectIssue(entity, 'purpose.id', /markup/);
  });

  it('keeps harmless punctuation that merely resembles markup', () => {
    const form = sample('mou');
    form.purpose.en = 'Budget < 5% & growth > 2%: targets for 2025–2030.';
    expect(parseAgreementForm(form).purpose.en).toContain('< 5% &');
  });

  it('rejects a 2 MB text naming the field and the limit', () => {
    const form = sample('mou');
    form.purpose.id = 'a'.repeat(2 * 1024 * 1024);
    expectIssue(form, 'purpose.id', /too long: at most 5000/);
  });

  it.each(['Indonesia', 'indonesia', 'IDN', 'id', '', 'I', '12', 'ZZ', 'XA', 'ＩＤ'])(
    'refuses the country %j with a message instead of throwing',
    (country) => {
      const form = sample('pks');
      form.parties[1].country = country;
      expectIssue(form, 'parties[1].country', /^unknown country code: use a two-letter ISO 3166-1 code/);
    },
  );

  it('never throws anything but a ValidationError, whatever replaces any part of a form', () => {
    /** Every path into the sample: each object, array and value in it. */
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) walk(v, [...path, Array.isArray(value) ? Number(k) : k]);
    };
    walk(sample('mou'), []);
    const replaced = (path: (string | number)[], value: unknown) => {
      const form = sample('mou');
      if (path.length === 0) return value;
      let at = form;
      for (const key of path.slice(0, -1)) at = at[key];
      at[path.at(-1) as string | number] = value;
      return form;
    };
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.oneof(fc.jsonValue(), fc.string()), (path, value) => {
        try {
          parseAgreementForm(replaced(path, value));
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('checks country codes and the region as first party', () => {
    const form = sample('mou');
    form.parties[1].country = 'XX';
    expectIssue(form, 'parties[1].country', /unknown country/);
    const first = sample('mou');
    first.parties[0].country = 'AU';
    expectIssue(first, 'parties[0].country', /must be "ID"/);
  });

  it('keeps domestic categories domestic and foreign ones foreign', () => {
    const domestic = sample('pks');
    domestic.parties[1].country = 'MY';
    expectIssue(domestic, 'parties[1].country', /Indonesian parties only/);
    const foreign = sample('mou');
    foreign.parties[1].country = 'ID';
    expectIssue(foreign, 'parties', /at least one foreign party/);
  });
});
