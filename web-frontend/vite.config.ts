import { defineConfig } from 'vitest/config';

// The build lands where Maven packages it: the server serves META-INF/resources at /.
export default defineConfig({
  base: '/',
  build: {
    outDir: process.env.JOTTER_FRONTEND_OUT ?? 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    include: ['tests/unit/**/*.test.ts'],
  },
});
