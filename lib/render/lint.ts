import type { Article, ContentProblem, Page } from '@/lib/content';
import { isRelativeImageSource, toImageRef } from '@/lib/content/image-ref';
import type { BodyFormat } from '@/lib/content/types';

import { setTimeout as sleep } from 'node:timers/promises';

import { getRenderPool, RenderQueueFullError } from './render-pool';

interface LintTarget {
  file: string;
  source: string;
  format: BodyFormat;
  /** Where the text starts in its file. */
  line: number;
  /** A front-matter field: every problem is placed at its key, since YAML folds its lines. */
  field?: string;
}

/** A full render queue means "wait", not "broken": the check waits its turn. */
async function lintWhenQueued(target: LintTarget) {
  for (;;) {
    try {
      return await getRenderPool().lint(target.source, target.format, target.file);
    } catch (error) {
      if (!(error instanceof RenderQueueFullError)) throw error;
      await sleep(50);
    }
  }
}

/**
 * Why a content photo cannot be shown (missing, unreadable, refused), or undefined when it can.
 * The content check judges each photo file once and answers from that.
 */
export type PhotoProblemOf = (path: string) => string | undefined;

/**
 * Checks rendered text the way readers will get it, in the render workers under the same time
 * budget as the site: images need alt text, photos it names must be there and publishable, and
 * the text must render.
 */
async function lintText(target: LintTarget, photoProblem?: PhotoProblemOf): Promise<ContentProblem[]> {
  const { file, field } = target;
  const prefix = field ? `${field}: ` : '';
  const toFileLine = (line: number | undefined) =>
    field || line === undefined ? target.line : line + target.line - 1;
  try {
    const images = await lintWhenQueued(target);
    const problems: ContentProblem[] = [];
    for (const image of images) {
      const at = { file, line: toFileLine(image.line), column: field ? undefined : image.column };
      if (isRelativeImageSource(image.src)) {
        const ref = toImageRef(image.src, file);
        const why = !ref.ok
          ? ref.message
          : ref.ref.kind === 'photo'
            ? photoProblem?.(ref.ref.path)
            : undefined;
        if (why) problems.push({ ...at, severity: 'error', message: `${prefix}${why} (이 사진은 보이지 않습니다)` });
      }
      if (!image.hasAlt) {
        problems.push({ ...at, severity: 'warning', message: `${prefix}사진에 대체 텍스트(alt)가 없습니다: ${image.src}` });
      }
    }
    return problems;
  } catch (error) {
    return [
      {
        file,
        line: target.line,
        severity: 'error',
        message: `${prefix}본문을 표시할 수 없습니다: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  }
}

/** Checks everything of an article that is rendered: its body, its lede and its live updates. */
export async function lintBody(article: Article, photoProblem?: PhotoProblemOf): Promise<ContentProblem[]> {
  const targets: LintTarget[] = [
    {
      file: article.source.path,
      source: article.body,
      format: article.format,
      line: article.bodyLine,
    },
  ];
  if (article.featureText) {
    targets.push({
      file: article.source.path,
      source: article.featureText,
      format: 'markdown',
      line: article.featureTextLine ?? 1,
      field: 'feature_text',
    });
  }
  for (const update of article.liveUpdates) {
    targets.push({
      file: update.source.path,
      source: update.body,
      format: update.format,
      line: update.bodyLine,
    });
  }
  return (await Promise.all(targets.map((target) => lintText(target, photoProblem)))).flat();
}

/** Checks a page's body like an article's. */
export function lintPage(page: Page, photoProblem?: PhotoProblemOf): Promise<ContentProblem[]> {
  return lintText(
    {
      file: page.source.path,
      source: page.body,
      format: page.format,
      line: page.bodyLine,
    },
    photoProblem,
  );
}
