import { ArticleTools } from './article-tools';

export interface ArticleToolbarProps {
  url: string;
  title: string;
}

const link = 'tool';

/**
 * Share and reading tools under the headline. The X and Facebook links are plain links (nothing
 * is loaded from either until the reader follows one); copying, the share sheet, printing and type
 * size are the one small client leaf.
 */
export function ArticleToolbar({ url, title }: ArticleToolbarProps) {
  const x = new URL('https://x.com/intent/post');
  x.searchParams.set('url', url);
  x.searchParams.set('text', title);
  const facebook = new URL('https://www.facebook.com/sharer/sharer.php');
  facebook.searchParams.set('u', url);
  return (
    <div role="group" aria-label="기사 도구" className="article-toolbar flex flex-wrap items-center gap-2">
      <ArticleTools url={url} title={title}>
        <a href={x.href} className={link} target="_blank" rel="noopener noreferrer" aria-label="X에 공유 (새 창)">
          X
        </a>
        <a
          href={facebook.href}
          className={link}
          target="_blank"
          rel="noopener noreferrer"
          aria-label="페이스북에 공유 (새 창)"
        >
          페이스북
        </a>
      </ArticleTools>
    </div>
  );
}
