import { LineCounter, type Node, parseDocument } from 'yaml';
import { type TemplateFile, templateSchema } from '../documents/template.js';
import { type Bilingual, describe, say } from '../form/messages.js';
import { MAX_TEMPLATE_BYTES } from './candidates.js';
import { checkTemplate } from './check-template.js';
import { type Locate, type Path, type TemplateProblem, whereIs } from './problems.js';

/** Anchors and aliases expand; a file that expands past this many is refused (a "billion laughs"). */
const MAX_ALIASES = 100;
/** At most this many problems are listed; a count says how many more there were. */
export const MAX_PROBLEMS = 100;

/** Keeps the first MAX_PROBLEMS problems and says how many more there were. */
function bounded(problems: TemplateProblem[]): TemplateProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const more = problems.length - MAX_PROBLEMS;
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    { section: 'file', message: say(`dan ${more} masalah lain`, `and ${more} more problems`) },
  ];
}

/**
 * Reads an uploaded template: UTF-8 text, YAML (JSON is YAML too), the schema, then the rules
 * (checkTemplate). Every problem names where it is, with the line of the file; the template is
 * returned only when there is none.
 */
export function readTemplateFile(bytes: Uint8Array): {
  template?: TemplateFile;
  problems: TemplateProblem[];
} {
  const fileProblem = (message: Bilingual, line?: number) => ({
    problems: [{ section: 'file', ...(line ? { line } : {}), message }],
  });
  if (bytes.byteLength > MAX_TEMPLATE_BYTES) {
    return fileProblem(
      say(
        `berkas lebih dari ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB (${bytes.byteLength} bita)`,
        `the file is over ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB (${bytes.byteLength} bytes)`,
      ),
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fileProblem(say('berkas bukan teks UTF-8', 'the file is not UTF-8 text'));
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    return {
      problems: bounded(
        doc.errors.map((e) => {
          const line = e.linePos?.[0].line ?? lines.linePos(e.pos[0]).line;
          const what = e.message.split('\n')[0] ?? e.code;
          return {
            section: 'file',
            line,
            message: say(`kesalahan sintaks YAML: ${what}`, `YAML syntax error: ${what}`),
          };
        }),
      ),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    const what = (error as Error).message;
    return fileProblem(say(`YAML tidak dapat dibaca: ${what}`, `the YAML cannot be read: ${what}`));
  }
  const locate: Locate = (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
      if (node?.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const parsed = templateSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    return {
      problems: bounded(
        parsed.error.issues.map((issue) => {
          const path = issue.path as Path;
          const line = locate(path);
          return { ...whereIs(data, path), ...(line ? { line } : {}), message: describe(issue) };
        }),
      ),
    };
  }
  const problems = checkTemplate(parsed.data, locate);
  return problems.length ? { problems: bounded(problems) } : { template: parsed.data, problems };
}
