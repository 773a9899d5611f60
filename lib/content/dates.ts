/** Korea Standard Time has had no daylight saving since 1988, so a fixed offset is exact. */
const KST_OFFSET = '+09:00';

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;

export type DateParse = { ok: true; date: Date } | { ok: false; reason: string };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads a front-matter date: `YYYY-MM-DD`, or a date and time with an optional zone.
 * A value without a zone is Korea time. Impossible dates (2월 30일) are refused.
 */
export function parseContentDate(value: string): DateParse {
  const match = DATE_TIME.exec(value.trim());
  if (!match) {
    return { ok: false, reason: `날짜 형식이 아닙니다: "${value}" (예: 2024-06-12 또는 2024-06-12 09:30)` };
  }
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `존재하지 않는 날짜입니다: "${value}"` };
  }
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return { ok: false, reason: `존재하지 않는 시각입니다: "${value}"` };
  }
  let offset = KST_OFFSET;
  if (zone === 'Z') offset = 'Z';
  else if (zone) offset = zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const millis = frac ? `.${frac.padEnd(3, '0').slice(0, 3)}` : '';
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${millis}${offset}`);
  if (Number.isNaN(date.getTime())) {
    return { ok: false, reason: `날짜를 읽을 수 없습니다: "${value}"` };
  }
  return { ok: true, date };
}

const FILE_DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})-/;

/** The `YYYY-MM-DD-` prefix of a Jekyll-style file name, if it has one. */
export function getFileNameDate(fileName: string): string | undefined {
  return FILE_DATE_PREFIX.exec(fileName)?.[1];
}
