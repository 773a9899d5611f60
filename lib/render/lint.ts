import type { Element } from 'hast';
import { visit } from 'unist-util-visit';

import type { Article, ContentProblem } from '@/lib/content';

import { parseToHast } from './pipeline';

/** Checks a body the way readers will get it: images need alt text, and the body must render. */
export async function lintBody(article: Article): Promise<ContentProblem[]> {
  const file = article.source.path;
  const toFileLine = (line: number | undefined) =>
    line === undefined ? article.bodyLine : line + article.bodyLine - 1;
  try {
    const tree = await parseToHast(article.body, article.format);
    const problems: ContentProblem[] = [];
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'img') return;
      const alt = node.properties.alt;
      if (typeof alt === 'string' && alt.trim() !== '') return;
      problems.push({
        file,
        line: toFileLine(node.position?.start.line),
        column: node.position?.start.column,
        severity: 'warning',
        message: `사진에 대체 텍스트(alt)가 없습니다: ${String(node.properties.src ?? '')}`,
      });
    });
    return problems;
  } catch (error) {
    const reason =
      error instanceof RangeError ? '태그가 너무 깊게 겹쳐 있습니다' : (error as Error).message;
    return [
      {
        file,
        line: article.bodyLine,
        severity: 'error',
        message: `본문을 표시할 수 없습니다: ${reason}`,
      },
    ];
  }
}
