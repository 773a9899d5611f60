import type { Element } from 'hast';
import { visit } from 'unist-util-visit';

import type { BodyFormat } from '@/lib/content/types';

import { parseToHast } from './pipeline';

export interface BodyImage {
  /** Line within the text (1 = its first line), when the parser knows it. */
  line?: number;
  column?: number;
  src: string;
  /** Whether it has alt text: without, a screen reader's user would not hear about it. */
  hasAlt: boolean;
}

/** What the render pool's lint answers with (lib/render/render-pool.ts names it so). */
export type ImageWithoutAlt = BodyImage;

/** Every image in a text, where it is and whether it has alt text (the content check's findings). */
export async function findBodyImages(source: string, format: BodyFormat): Promise<BodyImage[]> {
  const tree = await parseToHast(source, format);
  const found: BodyImage[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'img') return;
    const alt = node.properties.alt;
    found.push({
      line: node.position?.start.line,
      column: node.position?.start.column,
      src: String(node.properties.src ?? ''),
      hasAlt: typeof alt === 'string' && alt.trim() !== '',
    });
  });
  return found;
}
