import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The cockpit's build: plain TypeScript and DOM, bundled with bpmn-js into dist/cockpit, which the
 * engine serves at /cockpit (src/modules/cockpit). Nothing is loaded from elsewhere at run time.
 * Runs after `nest build`, which empties dist/.
 */
export default defineConfig({
  root: here('.'),
  base: '/cockpit/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: here('../../dist/cockpit'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // bpmn-js is most of the bundle; one file for it is fine for an operator's console.
    chunkSizeWarningLimit: 1500,
    // Everything, fonts included, is a file of its own under assets/ (the CSP allows no inline data for scripts).
    assetsInlineLimit: 0,
  },
});
