import { site } from '@/lib/site';

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: site.timeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function kstParts(
  date: Date,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const out = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const part of parts.formatToParts(date)) {
    if (part.type in out) out[part.type as keyof typeof out] = part.value;
  }
  return out;
}

/** ISO 8601 in Korea time, e.g. `2024-06-12T15:04:00+09:00`, for `<time datetime>`. */
export function toKstIso(date: Date): string {
  const p = kstParts(date);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}+09:00`;
}

/** The way Korean news sites print a time: `2024.06.12 15:04`, always in Korea time. */
export function formatKstDateTime(date: Date): string {
  const p = kstParts(date);
  return `${p.year}.${p.month}.${p.day} ${p.hour}:${p.minute}`;
}

/** A short date for lists: `2024.06.12`. */
export function formatKstDate(date: Date): string {
  const p = kstParts(date);
  return `${p.year}.${p.month}.${p.day}`;
}
