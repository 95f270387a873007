import type { TargetedMouseEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** Client-side navigation over the History API; the server answers every non-API path with the app. */
export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
  // Keyboard and screen-reader users start the new screen at its content, not at the old focus.
  requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: true }));
}

export function useLocation(): URL {
  const [href, setHref] = useState(location.href);
  useEffect(() => {
    const update = () => setHref(location.href);
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return new URL(href);
}

/**
 * The id in a path like "/agreements/:id/edit", or undefined when the path has another shape or a
 * malformed percent-encoding (a mangled link goes home instead of breaking the app).
 */
export function matchId(pattern: string, path: string): string | undefined {
  const [before, after] = pattern.split(':id');
  if (!path.startsWith(before ?? '') || !path.endsWith(after ?? '')) return undefined;
  const id = path.slice((before ?? '').length, path.length - (after ?? '').length);
  if (!id || id.includes('/')) return undefined;
  try {
    return decodeURIComponent(id);
  } catch {
    return undefined;
  }
}

/** A plain left click on a same-origin link navigates in the app; other clicks behave as usual. */
export function onLinkClick(event: TargetedMouseEvent<HTMLAnchorElement>): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const href = event.currentTarget.getAttribute('href');
  if (!href?.startsWith('/') || event.currentTarget.target) return;
  event.preventDefault();
  navigate(href);
}
