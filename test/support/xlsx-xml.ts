import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The text of every cell of a workbook's first sheet, row by row, read with Info-ZIP's `unzip` and the
 * sheet's XML (shared strings resolved): independent of exceljs, which writes the file.
 */
export function sheetCells(xlsx: Uint8Array): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'xlsx-'));
  try {
    const file = join(dir, 'book.xlsx');
    writeFileSync(file, xlsx);
    const read = (entry: string) => {
      try {
        return execFileSync('unzip', ['-p', file, entry], { encoding: 'utf8' });
      } catch {
        return '';
      }
    };
    const decodeXml = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');
    const shared = [...read('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
      decodeXml([...(m[1] ?? '').matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
    );
    return [...read('xl/worksheets/sheet1.xml').matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map((row) =>
      [...(row[1] ?? '').matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].map((cell) => {
        const attrs = cell[1] ?? '';
        const body = cell[2] ?? '';
        const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        if (/t="s"/.test(attrs)) return shared[Number(value)] ?? '';
        if (/t="inlineStr"/.test(attrs)) return decodeXml(/<t[^>]*>([\s\S]*?)<\/t>/.exec(body)?.[1] ?? '');
        return decodeXml(value ?? '');
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
