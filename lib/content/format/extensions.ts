import type { BodyFormat } from '../types';

/** The file endings read as articles, pages and live updates, with the body format each gives. */
export const ARTICLE_EXTENSIONS: readonly { extension: string; format: BodyFormat }[] = [
  { extension: '.md', format: 'markdown' },
  { extension: '.markdown', format: 'markdown' },
  { extension: '.html', format: 'html' },
  { extension: '.htm', format: 'html' },
];

/** The article endings as editors read them in a message: `.md, .markdown, .html, .htm`. */
export const ARTICLE_EXTENSION_LIST = ARTICLE_EXTENSIONS.map((e) => e.extension).join(', ');

/** The body format a file name's ending gives, or undefined when the file is not an article's. */
export function getBodyFormat(fileName: string): BodyFormat | undefined {
  const lower = fileName.toLowerCase();
  return ARTICLE_EXTENSIONS.find((e) => lower.endsWith(e.extension))?.format;
}

/** A file name or path without its article ending (`2026/budget.md` → `2026/budget`); others unchanged. */
export function stripArticleExtension(name: string): string {
  const lower = name.toLowerCase();
  const found = ARTICLE_EXTENSIONS.find((e) => lower.endsWith(e.extension));
  return found ? name.slice(0, -found.extension.length) : name;
}

/** A YAML file's name without its ending (`hong.yml` → `hong`). */
export function stripYamlExtension(name: string): string {
  return name.replace(/\.ya?ml$/i, '');
}
