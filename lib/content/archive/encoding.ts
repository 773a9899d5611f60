/**
 * How the archive stores what a file gave: JSON with dates tagged (so they come back as dates,
 * whatever the key is named), and sort keys that order as JavaScript's `<` does.
 */

/** `JSON.stringify` with every `Date` written as `{ "$date": ms }`. */
export function encodeValue(value: unknown): string {
  return JSON.stringify(value, function replace(this: Record<string, unknown>, key: string, written: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: Number.isFinite(raw.getTime()) ? raw.getTime() : null } : written;
  });
}

/** The inverse of `encodeValue`. */
export function decodeValue<T>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && '$date' in value && Object.keys(value).length === 1) {
      const ms = (value as { $date: unknown }).$date;
      return new Date(typeof ms === 'number' ? ms : Number.NaN);
    }
    return value;
  }) as T;
}

/**
 * A key that SQLite's byte order sorts as JavaScript compares strings (UTF-16 code units): the
 * text as UTF-16BE. UTF-8 bytes would put U+E000–U+FFFF before astral characters; JavaScript
 * puts them after.
 */
export function sortKey(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** A publication time as stored: milliseconds, an impossible date read as the epoch. */
export function toMs(date: Date | undefined): number | null {
  if (!date) return null;
  const ms = date.getTime();
  return Number.isFinite(ms) ? ms : 0;
}
