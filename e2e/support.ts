import fs from 'node:fs';
import path from 'node:path';

import type { Page } from '@playwright/test';

/** The content folder the test servers read (built by scripts/e2e-build.mjs). */
export const contentDir = path.resolve('.e2e/content');
export const PORT = 3100;
export const STANDALONE_PORT = 3101;

/** Writes an article into the servers' content folder; returns a function that removes it. */
export function writeArticle(relPath: string, text: string): () => void {
  const file = path.join(contentDir, relPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return () => fs.rmSync(file, { force: true });
}

/** True when the page is wider than the viewport (a horizontal scrollbar). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
}

/** The preview secret the test servers are started with. */
export const PREVIEW_TOKEN = 'e2e-preview-token-7f3a';

/** A front-matter date `offsetMs` from now, with an explicit zone. */
export function dateFromNow(offsetMs: number): string {
  return new Date(Date.now() + offsetMs).toISOString();
}

/** Dismisses every alert, confirm or prompt the page opens, and returns their messages. */
export function recordDialogs(page: Page): string[] {
  const messages: string[] = [];
  page.on('dialog', async (dialog) => {
    messages.push(dialog.message());
    await dialog.dismiss();
  });
  return messages;
}
