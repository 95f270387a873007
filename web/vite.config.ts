import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/** The web app: built into web/dist, served by the embedded stack locally and from S3 in the cloud. */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's sources carry explanatory comments next to @__PURE__ marks; Rollup drops them, harmlessly.
        if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
      },
    },
  },
});
