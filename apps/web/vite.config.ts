import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Two entries: the staff console (/) and the owner portal (/portal/), served by the API server.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: { console: resolve(import.meta.dirname, 'index.html'), portal: resolve(import.meta.dirname, 'portal/index.html') } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
