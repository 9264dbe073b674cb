import { Readable, pipeline } from 'node:stream';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/**
 * A ZIP archive written as it goes (the container of an .xlsx, decision 0024): each entry's local
 * header, its bytes deflated as they come (an entry may be an async iterable of any length: a sheet of
 * 100,000 rows is never whole in memory), a data descriptor with its CRC-32 and sizes (general purpose
 * bit 3), then the central directory. Names are UTF-8 (bit 11). No ZIP64: an entry stays under 4 GiB.
 */
export interface ZipEntry {
  name: string;
  data: Buffer | AsyncIterable<Buffer>;
}

const FLAGS = 0x0808; // bit 3: sizes in a data descriptor; bit 11: UTF-8 names
const DEFLATE = 8;
const VERSION = 20;
const MAX_32 = 0xffffffff;

export async function* zipStream(entries: Iterable<ZipEntry>, at = new Date()): AsyncGenerator<Buffer> {
  const { time, date } = dosDateTime(at);
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(FLAGS, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    // CRC and sizes (14–25) stay 0: they follow the data
    local.writeUInt16LE(name.length, 26);
    const headerOffset = offset;
    yield Buffer.concat([local, name]);
    offset += local.length + name.length;
    let crc = 0;
    let size = 0;
    let compressed = 0;
    if (Buffer.isBuffer(entry.data)) {
      crc = crc32(entry.data);
      size = entry.data.length;
      const out = deflateRawSync(entry.data);
      compressed = out.length;
      yield out;
    } else {
      const data = entry.data;
      const counted = (async function* () {
        for await (const chunk of data) {
          crc = crc32(chunk, crc);
          size += chunk.length;
          yield chunk;
        }
      })();
      const deflate = createDeflateRaw();
      // an error of the source destroys the deflater: the loop below throws it
      pipeline(Readable.from(counted), deflate, () => {});
      for await (const out of deflate as AsyncIterable<Buffer>) {
        compressed += out.length;
        yield out;
      }
    }
    if (size > MAX_32 || compressed > MAX_32 || offset + compressed > MAX_32) throw new Error(`zip entry ${entry.name} over 4 GiB (no ZIP64)`);
    offset += compressed;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    yield descriptor;
    offset += descriptor.length;
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(VERSION, 4); // made by (MS-DOS attributes)
    record.writeUInt16LE(VERSION, 6);
    record.writeUInt16LE(FLAGS, 8);
    record.writeUInt16LE(DEFLATE, 10);
    record.writeUInt16LE(time, 12);
    record.writeUInt16LE(date, 14);
    record.writeUInt32LE(crc >>> 0, 16);
    record.writeUInt32LE(compressed, 20);
    record.writeUInt32LE(size, 24);
    record.writeUInt16LE(name.length, 28);
    // extra field, comment, disk number, attributes (30–41) stay 0
    record.writeUInt32LE(headerOffset, 42);
    central.push(record, name);
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = central.length / 2;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  yield Buffer.concat([directory, end]);
}

/** MS-DOS date and time fields (local time of the server, 2-second resolution), as ZIP stores them. */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}
