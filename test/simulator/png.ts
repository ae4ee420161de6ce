/**
 * A tiny PNG encoder for the simulator's trace screenshots (traces.ts): a few hundred bytes of real,
 * decodable PNG per screenshot, so the extension's image checks (magic bytes, size, type) meet a genuine
 * file rather than a placeholder. RGB, 8 bits, no interlace; the picture is a background with a bar.
 */
import { deflateSync } from 'node:zlib';

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG chunks use it (ISO 3309); node:zlib's own crc32 is newer than Node 20.0. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface Picture {
  width: number;
  height: number;
  background: [number, number, number];
  bar: [number, number, number];
  /** 0..1: how much of the width the bar covers (a screenshot's step within its run). */
  barFraction: number;
}

export function encodePng(p: Picture): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(p.width, 0);
  header.writeUInt32BE(p.height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  const rowBytes = 1 + p.width * 3;
  const raw = Buffer.alloc(rowBytes * p.height);
  const barEnd = Math.round(p.width * Math.min(1, Math.max(0, p.barFraction)));
  const barTop = Math.floor(p.height * 0.4);
  const barBottom = Math.floor(p.height * 0.6);
  for (let y = 0; y < p.height; y++) {
    raw[y * rowBytes] = 0; // filter: none
    for (let x = 0; x < p.width; x++) {
      const colour = y >= barTop && y < barBottom && x < barEnd ? p.bar : p.background;
      raw.set(colour, y * rowBytes + 1 + x * 3);
    }
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
