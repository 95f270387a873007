import * as z from 'zod';
import { say } from '../form/messages.js';

/**
 * How articles are named: by template files and by a draft's negotiated wording alike. Apart from
 * template.ts, so that the form (and the drafting bundles with it) leaves the template schema out.
 */

/** Document parts that are not articles: the composer tags their blocks with these names. */
export const SECTIONS = ['title', 'opening', 'recitals', 'closing', 'signatures'] as const;

/** An article key: a known one (ARTICLE_KEYS) or a new one a template or a draft adds, in camelCase. */
const ARTICLE_KEY = /^[a-z][A-Za-z0-9]{1,39}$/;

export const articleKey = z
  .string()
  .refine((k) => ARTICLE_KEY.test(k), {
    params: say(
      'kunci pasal berupa satu kata camelCase, mis. "kerahasiaan" atau "confidentiality"',
      'an article key is one word in camelCase, e.g. "confidentiality"',
    ),
  })
  .refine((k) => !(SECTIONS as readonly string[]).includes(k), {
    params: say(
      `kunci pasal tidak boleh salah satu dari: ${SECTIONS.join(', ')}`,
      `an article key cannot be one of: ${SECTIONS.join(', ')}`,
    ),
  })
  // The refinements carry bilingual messages; the published schema states the same pattern.
  .meta({
    pattern: ARTICLE_KEY.source,
    not: { enum: [...SECTIONS] },
    description: 'Names the article in comments, comparisons and negotiated changes',
  });
