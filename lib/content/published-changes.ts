// What readers can find changed between two moments: the articles that were published, edited or
// taken down (deleted, made a draft, moved to a later time) since a mark. For announcing changes to
// search engines (IndexNow); drafts, scheduled articles before their time and pages never appear.
import { getArticle, listArticles } from './queries';
import type { Article } from './types';
import type { ContentView } from './view';

/** The published set as a follower last saw it. Its map is the follower's own, updated in place. */
export interface PublishedMark {
  /** The reader's store (`ContentReader.instance`) and change counter (`version`) then. */
  instance: string;
  counter: number;
  /** The moment (ms) the mark was taken at: publish times after it have not been seen yet. */
  at: number;
  /** Every published slug with a stamp of its times. */
  published: Map<string, number>;
}

/** Slugs asked of the change log at once; more than this is followed by walking every article. */
const CHANGED_LIMIT = 50_000;
/** Articles read per step of a walk, between pauses. */
const WINDOW = 5_000;

const stampOf = (a: { published: Date; updated?: Date }): number =>
  a.published.getTime() * 31 + (a.updated?.getTime() ?? 0);

/** Lets requests run between steps of a long walk; tests pass none. */
export type Pause = () => Promise<void>;

const noPause: Pause = async () => {};

async function walkPublished(view: ContentView, pause: Pause): Promise<Map<string, number>> {
  const published = new Map<string, number>();
  const now = view.now.getTime();
  for (let offset = 0; ; offset += WINDOW) {
    const stamps = view.reader.stamps(now, WINDOW, offset);
    for (const stamp of stamps) published.set(stamp.slug, stampOf(stamp));
    if (stamps.length < WINDOW) return published;
    await pause();
  }
}

/** The published set of `view`, as the mark later changes are told against. */
export async function markPublished(view: ContentView, pause: Pause = noPause): Promise<PublishedMark> {
  return {
    instance: view.reader.instance,
    counter: view.reader.version,
    at: view.now.getTime(),
    published: await walkPublished(view, pause),
  };
}

/** Every slug whose published page differs from `before`'s: new, with other times, or gone. */
function diffWhole(before: Map<string, number>, after: Map<string, number>): string[] {
  const slugs: string[] = [];
  for (const [slug, stamp] of after) if (before.get(slug) !== stamp) slugs.push(slug);
  for (const slug of before.keys()) if (!after.has(slug)) slugs.push(slug);
  return slugs;
}

/**
 * The slugs whose published article appeared, changed or went since `mark`, in `view`, and the
 * mark to follow from next. The store's change log names the files that changed; a scheduled
 * article whose time came is found by its publish time. When the log cannot say (another store,
 * too many changes, a reader without a log), every published article is compared by its times.
 */
export async function getPublishedChanges(
  view: ContentView,
  mark: PublishedMark,
  pause: Pause = noPause,
  changedLimit = CHANGED_LIMIT,
): Promise<{ slugs: string[]; mark: PublishedMark }> {
  const { reader } = view;
  const now = view.now.getTime();
  const next: PublishedMark = { ...mark, instance: reader.instance, counter: reader.version, at: now };
  const timePassed = reader.lastBoundary(now) > mark.at;
  if (reader.instance === mark.instance && reader.version === mark.counter && !timePassed) {
    return { slugs: [], mark: next };
  }
  const logged =
    reader.instance !== mark.instance
      ? undefined
      : reader.version === mark.counter
        ? []
        : reader.changedSlugs(mark.counter, changedLimit);
  if (!logged) {
    const published = await walkPublished(view, pause);
    return { slugs: diffWhole(mark.published, published), mark: { ...next, published } };
  }
  const slugs = new Set<string>();
  const published = mark.published;
  const note = (slug: string, article: Article | undefined) => {
    if (article) published.set(slug, stampOf(article));
    // Nothing to say of a slug that was not published and still is not (a draft saved again).
    if (article || published.delete(slug)) slugs.add(slug);
  };
  for (const slug of logged) note(slug, getArticle(view, slug));
  if (timePassed) {
    // Articles whose publish time came since the mark, newest first, a window at a time.
    for (let offset = 0; ; offset += WINDOW) {
      const arrived = listArticles(view, { since: mark.at + 1 }, WINDOW, offset);
      for (const article of arrived) if (!published.has(article.slug)) note(article.slug, article);
      if (arrived.length < WINDOW) break;
      await pause();
    }
  }
  return { slugs: [...slugs], mark: { ...next, published } };
}
