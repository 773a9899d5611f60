// Next's cache entries hold Buffers (RSC payloads, route bodies) and Maps (an app page's segment
// data); JSON keeps neither. encodeValue and decodeValue carry them through a string and back.
import { createHmac, timingSafeEqual } from 'node:crypto';

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

// A record in Redis is `<HMAC-SHA256 in hex>.<JSON>`. The MAC covers the Redis key as well as the
// JSON, under a secret Redis never holds (CACHE_SECRET): whoever can write to Redis can neither
// change an entry nor move one to another page, build or site; they can only make it a miss.

const MAC_HEX_LENGTH = 64;
/** The kinds of entry this site's pages and route handlers produce; no other is shared. */
export const SHARED_KINDS = new Set(['APP_PAGE', 'APP_ROUTE']);

function macOf(secret, key, json) {
  // The key's length first: no split of one string between key and JSON can match another's.
  return createHmac('sha256', secret).update(`${Buffer.byteLength(key)}:${key}`).update(json).digest();
}

/** The text to store under the Redis key `key`: `record`, encoded and signed. */
export function sealRecord(record, key, secret) {
  const json = JSON.stringify(encodeValue(record));
  return `${macOf(secret, key, json).toString('hex')}.${json}`;
}

const isObject = (value) => !!value && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);
const isHeaderValue = (v) => typeof v === 'string' || typeof v === 'number' || (Array.isArray(v) && v.every((s) => typeof s === 'string'));
const isHeaders = (value) => isObject(value) && Object.values(value).every(isHeaderValue);
const isOptional = (value, check) => value === undefined || check(value);

/** Whether `value` is what Next's cache holds for an app page or a route handler's response. */
function isSharedValue(value) {
  if (!isObject(value) || !SHARED_KINDS.has(value.kind)) return false;
  if (!isOptional(value.status, Number.isInteger) || !isOptional(value.headers, isHeaders)) return false;
  if (value.kind === 'APP_ROUTE') return Buffer.isBuffer(value.body);
  return (
    typeof value.html === 'string' &&
    isOptional(value.rscData, Buffer.isBuffer) &&
    isOptional(value.postponed, (p) => typeof p === 'string') &&
    isOptional(value.segmentData, (map) => map instanceof Map && [...map].every(([k, v]) => typeof k === 'string' && Buffer.isBuffer(v)))
  );
}

/** Whether `record` has the shape the handler stores: when, from what, and Next's entry. */
function isRecord(record) {
  return (
    isObject(record) &&
    Number.isFinite(record.renderedAt) &&
    isOptional(record.version, (v) => typeof v === 'string') &&
    isObject(record.entry) &&
    Number.isFinite(record.entry.lastModified) &&
    isOptional(record.entry.cacheControl, isObject) &&
    isSharedValue(record.entry.value)
  );
}

/**
 * The record sealed under `key` with `secret`, or `{ problem }` saying (in Korean) why it is not
 * one: not signed by us, signed for another key, or not the shape we write.
 */
export function openRecord(text, key, secret) {
  const dot = text.indexOf('.');
  const mac = text.slice(0, dot);
  if (dot !== MAC_HEX_LENGTH || !/^[0-9a-f]+$/.test(mac)) return { problem: '서명이 없습니다' };
  const json = text.slice(dot + 1);
  if (!timingSafeEqual(Buffer.from(mac, 'hex'), macOf(secret, key, json))) return { problem: '서명이 맞지 않습니다' };
  let record;
  try {
    record = decodeValue(JSON.parse(json));
  } catch {
    return { problem: 'JSON이 아닙니다' };
  }
  return isRecord(record) ? { record } : { problem: '캐시 항목의 모양이 아닙니다' };
}
