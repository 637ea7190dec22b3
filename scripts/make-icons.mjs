#!/usr/bin/env node
// Draws the Agency Desk icon (a white briefcase on a deep-blue rounded square)
// and writes public/icon/{16,32,48,128}.png. Pure Node: zlib for deflate, no
// dependencies. Shapes are signed-distance functions in a 0..1 unit square;
// each pixel is supersampled for antialiasing.
//
// Usage: node scripts/make-icons.mjs

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'public', 'icon');
const SIZES = [16, 32, 48, 128];
const SUBSAMPLES = 8; // 8x8 samples per pixel

const BLUE = [0x1f, 0x4f, 0xd1];
const WHITE = [0xff, 0xff, 0xff];

// Signed distance to a rounded rectangle (negative inside).
function roundedRect(x, y, x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  const dx = Math.abs(x - cx) - hx;
  const dy = Math.abs(y - cy) - hy;
  const outside = Math.hypot(Math.max(dx, 0), Math.max(dy, 0));
  const inside = Math.min(Math.max(dx, dy), 0);
  return outside + inside - r;
}

// Per-size tuning. The 16px icon is drawn on the pixel grid (no clasp, 1px
// handle and seam) so it stays crisp in the toolbar; larger sizes use the
// full drawing with padding around the tile.
function shapesFor(size) {
  if (size <= 16) {
    const px = 1 / 16;
    return {
      tile: (x, y) => roundedRect(x, y, 0, 0, 1, 1, 3 * px),
      body: (x, y) => roundedRect(x, y, 2 * px, 6 * px, 14 * px, 13 * px, 1.2 * px),
      handle: (x, y) => {
        if (y > 6 * px) return 1;
        const d = roundedRect(x, y, 5 * px, 3 * px, 11 * px, 7 * px, 1 * px);
        return Math.abs(d + px / 2) - px / 2;
      },
      seam: (x, y) => Math.abs(y - 9.5 * px) - px / 2,
      clasp: () => 1,
    };
  }
  const pad = size <= 48 ? 1 / 24 : 1 / 16;
  const stroke = size <= 32 ? 0.07 : 0.06;
  const seam = size <= 32 ? 0.05 : 0.035;
  return {
    // Background tile.
    tile: (x, y) => roundedRect(x, y, pad, pad, 1 - pad, 1 - pad, 0.2 * (1 - 2 * pad)),
    // Briefcase body.
    body: (x, y) => roundedRect(x, y, 0.2, 0.35, 0.8, 0.78, 0.07),
    // Handle: outline of a rounded rect, cut off where it meets the body.
    handle: (x, y) => {
      if (y > 0.36) return 1;
      const d = roundedRect(x, y, 0.37, 0.2, 0.63, 0.42, 0.06);
      return Math.abs(d + stroke / 2) - stroke / 2;
    },
    // Lid seam (blue line across the body) and clasp (white tab over it).
    seam: (x, y) => Math.abs(y - 0.52) - seam / 2,
    clasp: (x, y) => roundedRect(x, y, 0.45, 0.47, 0.55, 0.59, 0.025),
  };
}

function colourAt(s, x, y) {
  if (s.tile(x, y) > 0) return null; // transparent
  const white = s.handle(x, y) <= 0 || (s.body(x, y) <= 0 && (s.seam(x, y) > 0 || s.clasp(x, y) <= 0));
  return white ? WHITE : BLUE;
}

function render(size) {
  const s = shapesFor(size);
  const rgba = Buffer.alloc(size * size * 4);
  const n = SUBSAMPLES;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          const c = colourAt(s, x, y);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        // Un-premultiplied colour: average over covered samples only.
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
        rgba[i + 3] = Math.round((255 * a) / (n * n));
      }
    }
  }
  return rgba;
}

// --- Minimal PNG encoder (RGBA, 8 bits per channel, filter 0) ---

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT_DIR, { recursive: true });
for (const size of SIZES) {
  const file = join(OUT_DIR, `${size}.png`);
  const png = encodePng(size, render(size));
  writeFileSync(file, png);
  console.log(`wrote ${file.slice(ROOT.length + 1)} (${png.length} bytes)`);
}
