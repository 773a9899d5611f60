import { decodeParam, getArticle } from '@/lib/content';
import { renderSocialImage } from '@/lib/social-image';

export const revalidate = 3600;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

export async function GET(_request: Request, { params }: RouteContext<'/og/[slug]'>) {
  const article = getArticle(decodeParam((await params).slug));
  if (!article) return new Response('Not found', { status: 404 });
  return renderSocialImage(article.title, article.categories[0]?.name);
}
