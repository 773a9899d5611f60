/**
 * The content check's judgement of photos: each photo file probed once, as the server would
 * (its bytes, its size, one cheap decode), and every reference to one checked against that.
 */
import type { ContentProblem } from '@/lib/content';
import type { ImageRef } from '@/lib/content/image-ref';
import type { Article, PhotoFile, Reporter, SiteIdentity } from '@/lib/content/types';

import { probePhoto } from './probe';

/** Discover shows large cards only for images at least this wide. */
export const LEAD_PHOTO_MIN_WIDTH = 1200;

export interface PhotoCheck {
  /** Errors on the photo files themselves: refused, with the editor's reason. */
  problems: ContentProblem[];
  /** Why the photo at `path` cannot be shown (missing or refused), or undefined when it can. */
  problemOf(path: string): string | undefined;
  /** Why the photo file at `path` was refused, or undefined (it is fine, or not there at all). */
  refusalOf(path: string): string | undefined;
  /** The displayed width of a photo that can be shown. */
  widthOf(path: string): number | undefined;
}

/** Probes every photo file of the content folder, one at a time. */
export async function checkPhotos(photos: ReadonlyMap<string, PhotoFile>): Promise<PhotoCheck> {
  const refused = new Map<string, string>();
  const widths = new Map<string, number>();
  const problems: ContentProblem[] = [];
  for (const [path, file] of photos) {
    const probe = await probePhoto(file.absolute);
    if (probe.ok) {
      widths.set(path, probe.photo.width);
    } else {
      refused.set(path, probe.message);
      problems.push({ file: path, severity: 'error', message: probe.message });
    }
  }
  return {
    problems,
    problemOf(path) {
      if (!photos.has(path)) return `사진 파일이 없습니다: ${path}`;
      const why = refused.get(path);
      return why && `사진을 쓸 수 없습니다: ${path}: ${why}`;
    },
    refusalOf(path) {
      const why = refused.get(path);
      return why && `사진을 쓸 수 없습니다: ${path}: ${why}`;
    },
    widthOf: (path) => widths.get(path),
  };
}

function refProblem(
  check: PhotoCheck,
  file: string,
  field: string,
  ref: ImageRef | undefined,
): ContentProblem | undefined {
  // A missing file is already the snapshot's error; only a refused one is said here.
  if (ref?.kind !== 'photo') return undefined;
  const why = check.refusalOf(ref.path);
  if (!why) return undefined;
  return { file, line: ref.line ?? 1, severity: 'error', message: `${field}: ${why} (사진 없이 게시합니다)` };
}

/**
 * Front-matter photos that cannot be shown (errors at their lines), and a lead photo narrower
 * than Discover's large cards want (a warning).
 */
export function checkPhotoFields(
  check: PhotoCheck,
  articles: readonly Article[],
  reporters: Iterable<Reporter>,
  site?: SiteIdentity,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (problem: ContentProblem | undefined) => {
    if (problem) problems.push(problem);
  };
  for (const article of articles) {
    const file = article.source.path;
    add(refProblem(check, file, 'image', article.image));
    if (article.socialImage !== article.image) add(refProblem(check, file, 'feature_image', article.socialImage));
    const lead = article.image;
    const width = lead?.kind === 'photo' ? check.widthOf(lead.path) : undefined;
    if (lead?.kind === 'photo' && width !== undefined && width < LEAD_PHOTO_MIN_WIDTH) {
      problems.push({
        file,
        line: lead.line ?? 1,
        severity: 'warning',
        message: `image: 대표 사진의 폭이 ${width}픽셀입니다: ${LEAD_PHOTO_MIN_WIDTH}픽셀 이상이어야 검색과 Discover에 크게 보입니다`,
      });
    }
  }
  for (const reporter of reporters) add(refProblem(check, reporter.source.path, 'photo', reporter.photo));
  if (site) add(refProblem(check, site.source.path, 'logo', site.logo));
  return problems;
}
