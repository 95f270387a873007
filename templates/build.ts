import { readFileSync, writeFileSync } from 'node:fs';
import { templateJsonSchema } from '../shared/documents/template.js';
import { readTemplateFile } from '../shared/template-library/template-file.js';

const dir = new URL('./', import.meta.url).pathname;

/** The built-in templates' files, one per document type. */
export const BUILTIN_FILES = { LOI: 'loi.yaml', MOU: 'mou.yaml', PKS: 'pks.yaml' } as const;

/** What `npm run build:templates` writes: each file's content, with the text of the file. */
export function builtTemplates(): { schema: string; builtin: string } {
  const builtin: Record<string, unknown> = {};
  for (const [type, file] of Object.entries(BUILTIN_FILES)) {
    const { template, problems } = readTemplateFile(readFileSync(`${dir}${file}`));
    if (!template) throw new Error(`${file}: ${JSON.stringify(problems, null, 2)}`);
    if (template.documentType !== type) throw new Error(`${file} is a ${template.documentType} template`);
    builtin[type] = template;
  }
  return {
    schema: `${JSON.stringify(templateJsonSchema(), null, 2)}\n`,
    builtin: `${JSON.stringify(builtin)}\n`,
  };
}

/**
 * The built-in YAML files compiled to JSON (so that no Lambda parses YAML at a cold start) and the
 * JSON Schema of template files; test/unit/template-files.test.ts fails when either is stale.
 */
if (import.meta.url === `file://${process.argv[1]}`) {
  const { schema, builtin } = builtTemplates();
  writeFileSync(`${dir}template.schema.json`, schema);
  writeFileSync(`${dir}builtin.json`, builtin);
}
