import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';

const require = createRequire(import.meta.url);

/**
 * exceljs 4.4's streaming reader decodes each inflated chunk of a sheet's XML on its own
 * (lib/utils/parse-sax.js), so a Chinese character split across two chunks becomes two U+FFFD:
 * 住户02115 was read as ���户02115 in a roster of 3,000. This is the same parser with one UTF-8
 * decoder per stream, which keeps a split character's bytes until the rest arrives. It must be in
 * place before exceljs is first loaded (its modules keep the function they required):
 * `installExcelUtf8Fix()` runs first in `loadExcel`, and first in test processes (vitest setup).
 */
export function installExcelUtf8Fix(): void {
  const path = require.resolve('exceljs/lib/utils/parse-sax.js');
  const cached = require.cache[path];
  if (cached && (cached.exports as { streamingUtf8?: boolean }).streamingUtf8) return;
  if (cached || require.cache[require.resolve('exceljs')]) throw new Error('exceljs was loaded before its UTF-8 fix was installed');
  const { SaxesParser } = require('saxes') as typeof import('saxes');
  async function* parseSax(iterable: AsyncIterable<Buffer | string>) {
    const parser = new SaxesParser();
    const decoder = new TextDecoder('utf-8');
    let error: Error | undefined;
    parser.on('error', (e) => (error = e));
    let events: { eventType: string; value: unknown }[] = [];
    parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
    parser.on('text', (value) => events.push({ eventType: 'text', value }));
    parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
    for await (const chunk of iterable) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      if (error) throw error;
      yield events;
      events = [];
    }
    const rest = decoder.decode();
    if (rest) {
      parser.write(rest);
      if (error) throw error;
      yield events;
    }
  }
  parseSax.streamingUtf8 = true;
  require.cache[path] = { id: path, filename: path, loaded: true, exports: parseSax } as unknown as NodeJS.Module;
}

/**
 * exceljs, loaded on first use: a server that never makes or reads a workbook does not carry it
 * (issue 11's lean start); the server bundle leaves it outside (scripts/build-server.mjs).
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  installExcelUtf8Fix();
  return (await import('exceljs')).default;
}
