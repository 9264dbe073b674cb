import { constants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Text worth compressing: JSON and problem+json, HTML, CSS, JavaScript, SVG. Never the live stream
 * (text/event-stream: each event must leave at once) and never photos or PDFs (already compressed).
 */
const COMPRESSIBLE = /^(?:text\/(?!event-stream)[\w.+-]+|application\/(?:[\w.+-]+\+)?json|application\/javascript|image\/svg\+xml)(?:;|$)/;

/**
 * Responses compressed (br, then gzip) when the client accepts it and they are over 1 KB. Web UI
 * assets the build already compressed (`*.br`, `*.gz`) are sent as they are (see web-ui.ts).
 * Request bodies are never decompressed: a small compressed body could expand past every limit.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    customTypes: COMPRESSIBLE,
    threshold: 1024,
    // answers are made per request: fast settings (brotli quality 2 with a 256 KiB window compresses a
    // 50-case page in ~60% of the default's time, a few percent larger; issue 11's queue pages)
    brotliOptions: {
      params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 2, [constants.BROTLI_PARAM_LGWIN]: 18 },
    },
    zlibOptions: { level: 3 },
    globalDecompression: false,
  });
}
