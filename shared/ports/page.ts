/** One page of a list; `nextCursor` is what the next page's request passes back. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Every item of a paged list, asking for page after page until no `nextCursor` is left. */
export async function allItems<T>(page: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor;
  } while (cursor);
  return items;
}
