/**
 * Draws the Teams app icons: a white signpost (a guide pointing the way) on Stockholm blue for
 * the 192×192 colour icon, and the same signpost white on transparent for the 32×32 outline.
 * Deterministic: the same PNG bytes on every run. `npx tsx manifest/make-icons.ts` rewrites
 * `manifest/color.png` and `manifest/outline.png`.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PNG } from "pngjs";

type Point = readonly [number, number];
type Shape = (x: number, y: number) => boolean;

/** The icon's background colour; also the manifest's `accentColor`. */
export const iconBlue = [0x00, 0x5c, 0xa9] as const;

function rect(x0: number, y0: number, x1: number, y1: number): Shape {
  return (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

/** Even-odd point-in-polygon test. */
function polygon(points: readonly Point[]): Shape {
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i, i += 1) {
      const [xi, yi] = points[i]!;
      const [xj, yj] = points[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
}

/** The signpost in a unit square: a pole, a sign pointing right, one pointing left, a foot. */
const signpost: Shape[] = [
  rect(0.455, 0.08, 0.545, 0.9),
  polygon([
    [0.14, 0.14],
    [0.74, 0.14],
    [0.9, 0.28],
    [0.74, 0.42],
    [0.14, 0.42],
  ]),
  polygon([
    [0.26, 0.5],
    [0.86, 0.5],
    [0.86, 0.78],
    [0.26, 0.78],
    [0.1, 0.64],
  ]),
  rect(0.3, 0.88, 0.7, 0.95),
];

/** The share of a pixel the symbol covers, sampled on a grid for smooth edges. */
function coverage(px: number, py: number, box: { x: number; y: number; size: number }): number {
  const grid = 8;
  let hits = 0;
  for (let sy = 0; sy < grid; sy += 1) {
    for (let sx = 0; sx < grid; sx += 1) {
      const x = (px + (sx + 0.5) / grid - box.x) / box.size;
      const y = (py + (sy + 0.5) / grid - box.y) / box.size;
      if (signpost.some((shape) => shape(x, y))) hits += 1;
    }
  }
  return hits / (grid * grid);
}

function draw(
  size: number,
  box: { x: number; y: number; size: number },
  pixel: (cover: number) => readonly [number, number, number, number],
): Buffer {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const offset = (y * size + x) * 4;
      const [r, g, b, a] = pixel(coverage(x, y, box));
      png.data[offset] = r;
      png.data[offset + 1] = g;
      png.data[offset + 2] = b;
      png.data[offset + 3] = a;
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

/** 192×192, full-bleed blue, the white symbol inside the central 112 px Teams keeps clear of its mask. */
export function colorIcon(): Buffer {
  return draw(192, { x: 40, y: 40, size: 112 }, (cover) => {
    const mix = (channel: number) => Math.round(channel + (255 - channel) * cover);
    return [mix(iconBlue[0]), mix(iconBlue[1]), mix(iconBlue[2]), 255];
  });
}

/** 32×32, white on transparent (Teams tints it); edges are anti-aliased through alpha only. */
export function outlineIcon(): Buffer {
  return draw(32, { x: 2, y: 2, size: 28 }, (cover) => [255, 255, 255, Math.round(255 * cover)]);
}

export const manifestDir = path.dirname(fileURLToPath(import.meta.url));

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  fs.writeFileSync(path.join(manifestDir, "color.png"), colorIcon());
  fs.writeFileSync(path.join(manifestDir, "outline.png"), outlineIcon());
  process.stdout.write("Skrev manifest/color.png (192×192) och manifest/outline.png (32×32)\n");
}
