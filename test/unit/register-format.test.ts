import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors.js';
import { parse } from '../../shared/form/parse.js';
import {
  defaultFormat,
  formatNumber,
  registerFormatSchema,
  registerYear,
} from '../../shared/register/format.js';

describe('register number formats', () => {
  it('builds the default numbers of each type', () => {
    const at = '2026-03-10T03:00:00Z';
    expect(formatNumber(defaultFormat('LOI'), 7, 'DISPAR', at)).toBe('119/0007/LoI/KS/2026');
    expect(formatNumber(defaultFormat('MOU'), 42, 'DISPAR', at)).toBe('119/0042/MoU/KS/2026');
    expect(formatNumber(defaultFormat('PKS'), 12345, 'DISDIK', at)).toBe('119/12345/PKS/DISDIK/2026');
  });

  it('counts years and months in WIB: half past midnight on 1 January is the new year', () => {
    const format = parse(registerFormatSchema, {
      parts: [{ kind: 'sequence', padding: 3 }, { kind: 'romanMonth' }, { kind: 'year' }],
      separator: '.',
      assignAt: 'signing',
    });
    expect(formatNumber(format, 1, 'X', '2025-12-31T17:30:00Z')).toBe('001.I.2026');
    expect(registerYear('2025-12-31T17:30:00Z')).toBe(2026);
    expect(formatNumber(format, 1, 'X', '2025-12-31T16:59:59Z')).toBe('001.XII.2025');
    expect(formatNumber(format, 1, 'X', '2026-08-31T20:00:00Z')).toBe('001.IX.2026');
  });

  it('names every field at fault', () => {
    const issues = (body: unknown) => {
      try {
        parse(registerFormatSchema, body);
      } catch (error) {
        return (error as ValidationError).issues;
      }
      return [];
    };
    expect(
      issues({ parts: [{ kind: 'year' }, { kind: 'seq' }], separator: '/', assignAt: 'signing' }),
    ).toContainEqual({
      path: 'parts[1].kind',
      message: {
        id: 'tidak dikenal: "seq"; pilih salah satu dari: classification, text, sequence, unit, bureau, year, romanMonth',
        en: 'unknown: "seq"; choose one of: classification, text, sequence, unit, bureau, year, romanMonth',
      },
    });
    expect(
      issues({
        parts: [{ kind: 'sequence', padding: 2 }, { kind: 'year' }],
        separator: '|',
        assignAt: 'signing',
      }).map((i) => i.path),
    ).toEqual(['separator']);
    expect(
      issues({
        parts: [{ kind: 'sequence', padding: 2 }, { kind: 'year' }, { kind: 'bureau' }],
        separator: '/',
        assignAt: 'signing',
      }).map((i) => i.path),
    ).toEqual(['parts[2].value']);
    expect(issues(defaultFormat('MOU'))).toEqual([
      { path: '', message: expect.objectContaining({ en: 'unknown keys: documentType, default' }) },
    ]);
    expect(() => parse(registerFormatSchema, { parts: [], separator: '/', assignAt: 'signing' })).toThrow(
      ValidationError,
    );
  });
});
