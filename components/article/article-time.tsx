import { formatKstDate, formatKstDateTime, toKstIso } from '@/lib/format';

export interface ArticleTimeProps {
  date: Date;
  /** `date`: 2024.06.12; `datetime`: 2024.06.12 15:04. */
  format?: 'date' | 'datetime';
  className?: string;
}

/** A machine-readable time in Korea time (`+09:00`), shown as Korean news sites show it. */
export function ArticleTime({ date, format = 'datetime', className }: ArticleTimeProps) {
  return (
    <time dateTime={toKstIso(date)} dir="ltr" className={className}>
      {format === 'date' ? formatKstDate(date) : formatKstDateTime(date)}
    </time>
  );
}
