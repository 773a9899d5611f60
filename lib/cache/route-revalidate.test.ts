import fs from 'node:fs';
import path from 'node:path';

import { expect, it } from 'vitest';

import { SHORTEST_REVALIDATE_S } from './content-cache-handler.mjs';

const app = path.resolve(import.meta.dirname, '../../app');

it("every route's revalidate is the number the page cache assumes for prerendered entries", () => {
  // Pages, layouts, route handlers and Next's special files (robots.ts) alike.
  const files = (fs.readdirSync(app, { recursive: true }) as string[]).filter((file) =>
    /\.tsx?$/.test(file),
  );
  const exported = files.flatMap((file) => {
    const source = fs.readFileSync(path.join(app, file), 'utf8');
    return [...source.matchAll(/export\s+const\s+revalidate\s*=\s*([^;\n]+)/g)].map(
      ([, value]) => ({
        file,
        value: value?.trim(),
      }),
    );
  });
  // Today 26 files export it; a number written any other way (a constant, 1e1) is caught too.
  expect(exported.length).toBeGreaterThan(20);
  expect(exported.filter(({ value }) => value !== String(SHORTEST_REVALIDATE_S))).toEqual([]);
});
