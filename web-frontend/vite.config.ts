import { defineConfig } from 'vitest/config';

// The build lands where Maven packages it: the server serves META-INF/resources at /.
export default defineConfig({
  base: '/',
  build: {
    outDir: process.env.JOTTER_FRONTEND_OUT ?? 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The editor chunk (CodeMirror with Java and Markdown) is ~600 kB raw, ~210 kB gzipped, loaded lazily.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      onwarn(warning, warn) {
        // @jupyterlab/coreutils' PageConfig uses eval('require') only under Node; harmless in the browser.
        if (warning.code === 'EVAL' && warning.id?.includes('@jupyterlab/coreutils')) return;
        warn(warning);
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['tests/unit/**/*.test.ts'],
  },
});
