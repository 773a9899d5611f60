import fs from 'node:fs';
import path from 'node:path';

import { expect, it } from 'vitest';

const contentDir = import.meta.dirname;

/** The lib/content files a source file imports (type imports included), by path relative to lib/content. */
function localImports(file: string): string[] {
  const source = fs.readFileSync(path.join(contentDir, file), 'utf8');
  const found: string[] = [];
  for (const [, spec = ''] of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/g)) {
    const absolute = spec.startsWith('@/lib/content')
      ? path.join(contentDir, spec.slice('@/lib/content'.length))
      : spec.startsWith('.')
        ? path.resolve(path.dirname(path.join(contentDir, file)), spec)
        : undefined;
    if (!absolute) continue;
    const target = [`${absolute}.ts`, `${absolute}.tsx`, path.join(absolute, 'index.ts')].find((c) => fs.existsSync(c));
    if (target) found.push(path.relative(contentDir, target));
  }
  return found;
}

it('lib/content has no import circle, so each file can be read from the bottom up', () => {
  const files = (fs.readdirSync(contentDir, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
  expect(files.length).toBeGreaterThan(20);
  const circles: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === 'visiting') circles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
    if (state.has(file)) return;
    state.set(file, 'visiting');
    for (const next of localImports(file)) visit(next, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of files) visit(file, []);
  expect(circles).toEqual([]);
});
