import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Each hashed text asset also as `.br` (quality 11) and `.gz` (level 9), made once at build time:
 * the server sends them as they are to browsers that accept them (plugins/web-ui.ts).
 */
function precompressAssets(): Plugin {
  return {
    name: 'guanjia-precompress-assets',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!/^assets\/.+\.(?:js|css|svg|json)$/.test(fileName)) continue;
        const path = join(options.dir!, fileName);
        const bytes = readFileSync(path);
        if (bytes.length < 1024) continue;
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
        );
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

// Two entries: the staff console (/) and the owner portal (/portal/), served by the API server.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), precompressAssets()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: { console: resolve(import.meta.dirname, 'index.html'), portal: resolve(import.meta.dirname, 'portal/index.html') } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
