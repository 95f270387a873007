import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage, Loading } from './common.js';

/** A component fetched on first use (its own chunk of the bundle), then rendered with `props`. */
export function Lazy<P extends object>({ load, props }: { load: () => Promise<ComponentType<P>>; props: P }) {
  const [loaded, setLoaded] = useState<{ Component?: ComponentType<P>; error?: unknown }>({});
  useEffect(() => {
    load().then(
      (Component) => setLoaded({ Component }),
      (error: unknown) => setLoaded({ error }),
    );
  }, [load]);
  const { Component, error } = loaded;
  if (error) return <ErrorMessage error={error} />;
  return Component ? <Component {...props} /> : <Loading />;
}
