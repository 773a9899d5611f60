import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { RESERVED_PAGE_SLUGS } from './snapshot';

describe('page slugs the routes use', () => {
  it("include every first path segment app/ serves, so a page can never hide a route (or be hidden)", () => {
    const app = path.resolve(import.meta.dirname, '../../app');
    const segments = fs
      .readdirSync(app, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('[') && !entry.name.startsWith('('))
      .map((entry) => entry.name);
    // robots.ts answers /robots.txt.
    segments.push('robots.txt');
    expect(segments.length).toBeGreaterThan(10);
    expect(segments.filter((segment) => !RESERVED_PAGE_SLUGS.has(segment))).toEqual([]);
  });
});
