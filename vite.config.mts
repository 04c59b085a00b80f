import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is plain DOM code; it is built to dist/renderer and served by either host.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    modulePreload: { polyfill: false },
  },
});
