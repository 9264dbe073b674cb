/**
 * A photo reused from an earlier check (issue 15 item 2: "a photo reused from an earlier check is
 * flagged (perceptual hash)"). The same file is caught by its SHA-256; the same picture re-saved,
 * scaled, re-compressed or slightly brightened by its difference hash (dHash): the picture shrunk to
 * 9×8 grey cells, and one bit per neighbouring pair saying whether the left is brighter. Two hashes a
 * few bits apart are the same picture. Pure: the server decodes the image into grey levels.
 */

/** Hashes at most this many bits apart are taken for the same picture (of 64). */
export const PHOTO_REUSE_MAX_DISTANCE = 6;

export interface GreyImage {
  width: number;
  height: number;
  /** One grey level (0–255) per pixel, row by row. */
  grey: ArrayLike<number>;
}

/** The mean grey of each cell of a cols×rows grid laid over the image (area averaging: robust to scaling). */
function shrink(image: GreyImage, cols: number, rows: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    const y0 = Math.floor((r * image.height) / rows);
    const y1 = Math.max(y0 + 1, Math.floor(((r + 1) * image.height) / rows));
    for (let c = 0; c < cols; c++) {
      const x0 = Math.floor((c * image.width) / cols);
      const x1 = Math.max(x0 + 1, Math.floor(((c + 1) * image.width) / cols));
      let sum = 0;
      let n = 0;
      for (let y = y0; y < y1 && y < image.height; y++)
        for (let x = x0; x < x1 && x < image.width; x++) {
          sum += image.grey[y * image.width + x]!;
          n++;
        }
      out.push(n ? sum / n : 0);
    }
  }
  return out;
}

/** The 64-bit difference hash, as 16 hex digits. */
export function differenceHash(image: GreyImage): string {
  if (image.width < 1 || image.height < 1) throw new Error('differenceHash: an empty image');
  const cells = shrink(image, 9, 8);
  let hex = '';
  for (let r = 0; r < 8; r++) {
    let byte = 0;
    for (let c = 0; c < 8; c++) byte = (byte << 1) | (cells[r * 9 + c]! > cells[r * 9 + c + 1]! ? 1 : 0);
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

const POPCOUNT = Array.from({ length: 16 }, (_, i) => (i & 1) + ((i >> 1) & 1) + ((i >> 2) & 1) + ((i >> 3) & 1));

/** How many of the two hashes' bits differ. */
export function hashDistance(a: string, b: string): number {
  if (a.length !== b.length) throw new Error('hashDistance: hashes of different lengths');
  let d = 0;
  for (let i = 0; i < a.length; i++) d += POPCOUNT[parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16)]!;
  return d;
}

export interface EarlierPhoto {
  attachmentId: string;
  sha256: string;
  hash: string;
  checkId: string;
}

export type PhotoReuse = { kind: 'same_file' | 'same_picture'; earlier: EarlierPhoto; distance: number };

/** The earlier photo this one repeats (the same file first, else the nearest picture within the limit), or null. */
export function findPhotoReuse(
  photo: { sha256: string; hash: string },
  earlier: Iterable<EarlierPhoto>,
  maxDistance = PHOTO_REUSE_MAX_DISTANCE,
): PhotoReuse | null {
  let best: PhotoReuse | null = null;
  // a flat picture (a black frame, a lens cap) hashes to zeros: only its file can say it is a copy
  const informative = !/^0+$/.test(photo.hash);
  for (const e of earlier) {
    if (e.sha256 === photo.sha256) return { kind: 'same_file', earlier: e, distance: 0 };
    if (!informative) continue;
    const distance = hashDistance(photo.hash, e.hash);
    if (distance <= maxDistance && (!best || distance < best.distance)) best = { kind: 'same_picture', earlier: e, distance };
  }
  return best;
}
