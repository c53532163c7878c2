/**
 * Draws the app's PNG icons (src/web/public/icon-192.png, icon-512.png and a maskable
 * icon-maskable-512.png) from the same shape as icon.svg: a pale drop with two marks on a
 * teal square. Run once after changing the design (`node scripts/make-web-icons.ts`); the
 * PNGs are committed. No image library: a few lines of PNG encoding with node:zlib.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";

const TEAL = [0x0f, 0x5f, 0x5c] as const;
const PALE = [0xf7, 0xf8, 0xf7] as const;

/** Colour at a point of the 512-unit design, or null outside the icon. */
function colourAt(x: number, y: number, maskable: boolean): readonly number[] | null {
  if (!maskable && !insideRoundedSquare(x, y, 512, 112)) return null;
  // The maskable icon keeps its drawing inside the central 80 % safe zone.
  const [u, v] = maskable ? [256 + (x - 256) / 0.8, 256 + (y - 256) / 0.8] : [x, y];
  const inMark =
    insideRoundedBar(u, v, 196, 300, 120, 22) || insideRoundedBar(u, v, 196, 352, 80, 22);
  return insideDrop(u, v) && !inMark ? PALE : TEAL;
}

function insideRoundedSquare(x: number, y: number, size: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 && x >= 0 && y >= 0 && x <= size && y <= size;
}

function insideRoundedBar(x: number, y: number, left: number, top: number, w: number, h: number) {
  const r = h / 2;
  const cx = Math.min(Math.max(x, left + r), left + w - r);
  return (x - cx) ** 2 + (y - (top + r)) ** 2 <= r * r;
}

function insideDrop(x: number, y: number): boolean {
  if ((x - 256) ** 2 + (y - 328) ** 2 <= 120 ** 2) return true;
  if (y < 96 || y > 328) return false;
  return Math.abs(x - 256) <= 120 * ((y - 96) / 232) ** 0.75;
}

function png(size: number, maskable: boolean): Buffer {
  const samples = 4;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) * 512) / size;
          const y = ((py + (sy + 0.5) / samples) * 512) / size;
          const c = colourAt(x, y, maskable);
          if (c) {
            sum[0] = (sum[0] ?? 0) + (c[0] ?? 0);
            sum[1] = (sum[1] ?? 0) + (c[1] ?? 0);
            sum[2] = (sum[2] ?? 0) + (c[2] ?? 0);
            sum[3] = (sum[3] ?? 0) + 255;
          }
        }
      }
      const n = samples * samples;
      const alpha = (sum[3] ?? 0) / n;
      const covered = alpha === 0 ? 1 : (sum[3] ?? 0) / 255;
      for (let i = 0; i < 3; i++) row[1 + px * 4 + i] = Math.round((sum[i] ?? 0) / covered);
      row[1 + px * 4 + 3] = Math.round(alpha);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

const publicDir = new URL("../src/web/public/", import.meta.url).pathname;
writeFileSync(join(publicDir, "icon-192.png"), png(192, false));
writeFileSync(join(publicDir, "icon-512.png"), png(512, false));
writeFileSync(join(publicDir, "icon-maskable-512.png"), png(512, true));
console.log("wrote icon-192.png, icon-512.png and icon-maskable-512.png");
