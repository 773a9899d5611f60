import { feedResponse } from '@/lib/feeds';

export const revalidate = 60;

export function GET() {
  return feedResponse('atom');
}
