import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API server serves the production build from dist/web and falls back to index.html for
// client-side routes; in development Vite proxies /api to the API server.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:8080', changeOrigin: false },
    },
  },
});
