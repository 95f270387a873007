import { build } from 'vite';

/** Builds web/dist once before the browser tests, as `npm run build:web` does. */
export default async function setup(): Promise<void> {
  const started = performance.now();
  await build({ root: 'web', configFile: 'web/vite.config.ts', logLevel: 'warn' });
  console.log(`web app built in ${Math.round(performance.now() - started)} ms`);
}
