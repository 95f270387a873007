/** One page of a list; `nextCursor` is what the next page's request passes back. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
