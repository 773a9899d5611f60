// Next's cache entries hold Buffers (RSC payloads, route bodies) and Maps (an app page's segment
// data); JSON keeps neither. These two functions carry them through a string and back.

const BUFFER = '$buffer';
const MAP = '$map';

/** A JSON-safe copy of `value`: Buffers as base64, Maps as entry lists, each tagged. */
export function encodeValue(value) {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    return { [BUFFER]: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }
  if (value instanceof Map) return { [MAP]: [...value].map(([k, v]) => [k, encodeValue(v)]) };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeValue(v);
    return out;
  }
  return value;
}

/** The inverse of encodeValue. */
export function decodeValue(value) {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value && typeof value === 'object') {
    if (typeof value[BUFFER] === 'string') return Buffer.from(value[BUFFER], 'base64');
    if (Array.isArray(value[MAP])) return new Map(value[MAP].map(([k, v]) => [k, decodeValue(v)]));
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = decodeValue(v);
    return out;
  }
  return value;
}
