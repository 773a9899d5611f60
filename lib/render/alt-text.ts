import type { Element } from 'hast';
import { visit } from 'unist-util-visit';

import type { BodyFormat } from '@/lib/content/types';

import { parseToHast } from './pipeline';

export interface ImageWithoutAlt {
  /** Line within the text (1 = its first line), when the parser knows it. */
  line?: number;
  column?: number;
  src: string;
}

/** The images in a text that readers of a screen reader would not hear about: no alt text. */
export async function findImagesWithoutAlt(
  source: string,
  format: BodyFormat,
): Promise<ImageWithoutAlt[]> {
  const tree = await parseToHast(source, format);
  const found: ImageWithoutAlt[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'img') return;
    const alt = node.properties.alt;
    if (typeof alt === 'string' && alt.trim() !== '') return;
    found.push({
      line: node.position?.start.line,
      column: node.position?.start.column,
      src: String(node.properties.src ?? ''),
    });
  });
  return found;
}
