import { type PdfDict, PdfRef, PdfSyntaxError, type PdfValue } from './objects.js';
import type { Revision } from './reader.js';

export interface PageNode {
  /** The page's object number (0 for a page written inline, which no valid file has). */
  num: number;
  dict: PdfDict;
}

/**
 * The pages of a revision in reading order, from its page tree. A node reached twice (a cycle, or a
 * page listed twice) is a damaged tree; the walk uses its own stack, so depth cannot overflow ours.
 */
export function pagesOf(revision: Revision): PageNode[] {
  const root = revision.catalog?.get('Pages');
  if (root === undefined) return [];
  const pages: PageNode[] = [];
  const seen = new Set<number>();
  const stack: PdfValue[] = [root];
  while (stack.length) {
    const node = stack.pop() as PdfValue;
    const num = node instanceof PdfRef ? node.num : 0;
    if (num) {
      if (seen.has(num)) throw new PdfSyntaxError('the page tree reaches a page or node twice');
      seen.add(num);
    }
    const dict = revision.dict(node);
    if (!dict) continue;
    const kids = revision.array(dict.get('Kids'));
    const type = revision.name(dict, 'Type');
    if (type === 'Pages' || (kids && type !== 'Page')) {
      for (let i = (kids?.length ?? 0) - 1; i >= 0; i--) stack.push((kids as PdfValue[])[i] as PdfValue);
    } else pages.push({ num, dict });
    if (seen.size > revision.file.budget.limits.objects)
      throw new PdfSyntaxError('the page tree is too large');
  }
  return pages;
}
