import { feedResponse } from '@/lib/feeds';

export const revalidate = 10;

export function GET() {
  return feedResponse('atom');
}
