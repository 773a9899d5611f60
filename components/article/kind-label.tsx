import { getMasthead, getView, isSponsoredKind, type ArticleKind } from '@/lib/content';

export interface KindLabelProps {
  kind: ArticleKind;
  className?: string;
}

/**
 * What an article is when it is not the newsroom's reporting (사설, 칼럼, 기고, 광고 …), in words
 * from `_site.yml`'s `labels:`: text with a border, never colour alone. Nothing for a plain 기사.
 */
export function KindLabel({ kind, className = '' }: KindLabelProps) {
  const label = getMasthead(getView()).labels[kind];
  if (!label) return null;
  const tone = isSponsoredKind(kind) ? 'kind-label kind-label-sponsored' : 'kind-label';
  // The space keeps the label a word apart from the headline for screen readers and copied text.
  return (
    <>
      <span data-kind={kind} className={`${tone} ${className}`.trim()}>
        {label}
      </span>{' '}
    </>
  );
}
