/**
 * What a file is, from its first bytes and never from its name: a PHP script called `photo.jpg`
 * is text, a PNG called `photo.jpg` is a PNG.
 */

export type SniffedFormat =
  'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | 'heic' | 'svg' | 'text' | 'unknown';

/** The photo formats content may hold (sharp decodes each; HEIC only if its build can). */
export type PhotoFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | 'heic';

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  return signature.every((byte, index) => bytes[at + index] === byte);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.subarray(start, end)).toString('latin1');
}

/** The brands of an ISO base media file (`ftyp` box): AVIF and HEIC are both HEIF containers. */
function sniffHeif(bytes: Uint8Array): SniffedFormat | undefined {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return undefined;
  const boxSize = Math.min(Buffer.from(bytes).readUInt32BE(0), bytes.length, 4096);
  const brands = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(bytes, at, at + 4));
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'avif';
  if (brands.some((brand) => HEIF_BRANDS.has(brand))) return 'heic';
  return undefined;
}

/** Markup or script text (SVG, HTML, PHP, XML), told apart only as far as the message needs. */
function sniffText(bytes: Uint8Array): SniffedFormat | undefined {
  let head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8');
  if (head.startsWith('\uFEFF')) head = head.slice(1);
  head = head.trimStart();
  if (!head.startsWith('<')) return undefined;
  return head.toLowerCase().includes('<svg') ? 'svg' : 'text';
}

/** The format a file's bytes say it is. */
export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  return sniffHeif(bytes) ?? sniffText(bytes) ?? 'unknown';
}
