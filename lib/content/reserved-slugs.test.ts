import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { RESERVED_PAGE_SLUGS } from './reserved-slugs';

/** Files at the top of app/ that shape every page but answer no URL of their own. */
const NOT_ROUTES = /^(layout|template|page|loading|error|global-error|not-found|default|middleware|instrumentation)\.tsx?$|\.css$/;

/** The URL segment one of Next's special files at the top of app/ answers, or undefined for a file Next does not serve. */
function toServedSegment(fileName: string): string | undefined {
  const base = fileName.replace(/\.[^.]+$/, '');
  const code = /\.(ts|tsx|js|jsx)$/.test(fileName);
  if (base === 'robots') return 'robots.txt';
  if (base === 'sitemap') return 'sitemap.xml';
  if (base === 'manifest') return code ? 'manifest.webmanifest' : fileName;
  // icon.svg answers /icon.svg; an icon drawn by code (icon.tsx) answers /icon.
  if (/^(icon|apple-icon|opengraph-image|twitter-image|favicon)$/.test(base)) return code ? base : fileName;
  return undefined;
}

describe('page slugs the routes use', () => {
  const app = path.resolve(import.meta.dirname, '../../app');
  const entries = fs.readdirSync(app, { withFileTypes: true });

  it('include every top-level folder of app/, so a page can never hide a route (or be hidden)', () => {
    const folders = entries
      .filter((entry) => entry.isDirectory() && !/^[[(@_]/.test(entry.name))
      .map((entry) => entry.name);
    expect(folders.length).toBeGreaterThan(10);
    expect(folders.filter((segment) => !RESERVED_PAGE_SLUGS.has(segment))).toEqual([]);
  });

  it("include the URL of every special file at the top of app/ (robots.ts answers /robots.txt), and each file there is known", () => {
    const files = entries.filter((entry) => entry.isFile() && !NOT_ROUTES.test(entry.name)).map((entry) => entry.name);
    // A file here that is neither a special route nor a known non-route must be thought about.
    expect(files.filter((file) => toServedSegment(file) === undefined)).toEqual([]);
    const served = files.map((file) => toServedSegment(file) ?? file);
    expect(served).toEqual(expect.arrayContaining(['robots.txt', 'icon.svg']));
    expect(served.filter((segment) => !RESERVED_PAGE_SLUGS.has(segment))).toEqual([]);
  });
});
