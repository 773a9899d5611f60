import { describe, expect, it } from 'vitest';

import { getFileNameDate, parseContentDate } from './dates';

function iso(value: string): string {
  const result = parseContentDate(value);
  if (!result.ok) throw new Error(result.reason);
  return result.date.toISOString();
}

describe('parseContentDate', () => {
  it('reads a date without a zone as midnight Korea time', () => {
    expect(iso('2024-06-12')).toBe('2024-06-11T15:00:00.000Z');
  });

  it('reads a date-time without a zone as Korea time', () => {
    expect(iso('2024-06-12 09:30')).toBe('2024-06-12T00:30:00.000Z');
    expect(iso('2024-06-12T09:30:15')).toBe('2024-06-12T00:30:15.000Z');
  });

  it('honours an explicit zone', () => {
    expect(iso('2024-06-12T09:30:00Z')).toBe('2024-06-12T09:30:00.000Z');
    expect(iso('2024-06-12 09:30:00 +0100')).toBe('2024-06-12T08:30:00.000Z');
    expect(iso('2024-06-12T09:30:00-05:00')).toBe('2024-06-12T14:30:00.000Z');
  });

  it('refuses dates that do not exist', () => {
    expect(parseContentDate('2023-02-29')).toEqual({ ok: false, reason: '존재하지 않는 날짜입니다: "2023-02-29"' });
    expect(parseContentDate('2024-13-01').ok).toBe(false);
    expect(parseContentDate('2024-06-12 24:00').ok).toBe(false);
    expect(parseContentDate('2024-02-29').ok).toBe(true);
  });

  it('refuses text that is not a date', () => {
    expect(parseContentDate('어제')).toEqual({
      ok: false,
      reason: '날짜 형식이 아닙니다: "어제" (예: 2024-06-12 또는 2024-06-12 09:30)',
    });
  });
});

describe('getFileNameDate', () => {
  it('finds a Jekyll date prefix', () => {
    expect(getFileNameDate('2024-06-12-1.md')).toBe('2024-06-12');
    expect(getFileNameDate('notes.md')).toBeUndefined();
  });
});
