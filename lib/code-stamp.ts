/**
 * Stamps for what a build keeps on disk (next.config.ts): a short hash of the code that made it.
 * The content index is stamped with the code that turns files into its rows, the rendered bodies
 * with the code that renders them, each the import closure of its entry files, so that a build
 * whose change lies elsewhere (a page, a query, the search box) keeps both: at a million articles
 * a new stamp means every file read again (~25 min of two cores) or every page rendered again.
 *
 * The closure follows what runs: static and dynamic imports, re-exports, `require`, and the two
 * ways lib/ starts a worker (`new URL('./x.ts', import.meta.url)`, `import.meta.resolve('./x.ts')`).
 * `import type` and `export type` are left out: they are erased, so they cannot change what runs.
 * Packages are not followed: package-lock.json, stamped with them, names every version. A local
 * import that cannot be resolved fails the build: a stamp that missed a file would keep output
 * made by old code (a sanitizer fix not applied) for good.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type ts from 'typescript';

type TypeScript = typeof ts;

/** Resolution as the project compiles: its tsconfig's `paths` (`@/…`) and bundler-style lookups. */
function compilerOptionsOf(ts: TypeScript, root: string): ts.CompilerOptions {
  const file = path.join(root, 'tsconfig.json');
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) throw new Error(`${file}을 읽을 수 없습니다: ${ts.flattenDiagnosticMessageText(read.error.messageText, '\n')}`);
  return ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, file).options;
}

// Only `import type` and `export type` are erased whatever the compiler: `import { type A } from`
// may be kept as an import for its effects (verbatimModuleSyntax), so it counts.
const isTypeOnlyImport = (node: ts.ImportDeclaration): boolean => !!node.importClause?.isTypeOnly;

const isTypeOnlyExport = (node: ts.ExportDeclaration): boolean => node.isTypeOnly;

const isImportMetaUrl = (ts: TypeScript, node: ts.Node | undefined): boolean =>
  !!node &&
  ts.isPropertyAccessExpression(node) &&
  ts.isMetaProperty(node.expression) &&
  node.expression.keywordToken === ts.SyntaxKind.ImportKeyword &&
  node.name.text === 'url';

/** The module specifiers a source file runs: see the module comment for which count. */
function specifiersOf(ts: TypeScript, fileName: string, text: string): string[] {
  // Parsed as its extension says: a `.ts` file read as TSX takes `<T>(x) => x` for markup, and could
  // hide the imports after it.
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  // A specifier only known when the code runs cannot be followed: refused, not skipped.
  const literal = (node: ts.Node | undefined, what: string) => {
    if (node && ts.isStringLiteralLike(node)) found.push(node.text);
    else {
      const { line } = source.getLineAndCharacterOfPosition((node ?? source).getStart(source));
      throw new Error(`${fileName}:${line + 1}: ${what}의 대상이 글자 그대로 쓰여 있지 않아 따라갈 수 없습니다`);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      if (!isTypeOnlyImport(node)) literal(node.moduleSpecifier, 'import');
      return;
    }
    if (ts.isExportDeclaration(node)) {
      if (node.moduleSpecifier && !isTypeOnlyExport(node)) literal(node.moduleSpecifier, 'export');
      return;
    }
    if (ts.isImportEqualsDeclaration(node)) {
      if (!node.isTypeOnly && ts.isExternalModuleReference(node.moduleReference)) literal(node.moduleReference.expression, 'require');
      return;
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      const isMetaResolve =
        ts.isPropertyAccessExpression(callee) &&
        ts.isMetaProperty(callee.expression) &&
        callee.expression.keywordToken === ts.SyntaxKind.ImportKeyword &&
        callee.name.text === 'resolve';
      if (isImport || isRequire || isMetaResolve) literal(node.arguments[0], isImport ? 'import()' : isRequire ? 'require()' : 'import.meta.resolve()');
    }
    // new URL('./worker.ts', import.meta.url): a worker's module.
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL' && isImportMetaUrl(ts, node.arguments?.[1])) {
      literal(node.arguments?.[0], 'new URL(…, import.meta.url)');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Whether a specifier names a file of this checkout (relative, absolute, or through `@/`). */
const isLocal = (specifier: string) => /^(\.{1,2}\/|\/|@\/)/.test(specifier);

/**
 * Every file of this checkout the `entries` run (themselves included), sorted, relative to `root`.
 * Throws, naming the importing file, when a local import resolves to nothing.
 */
export async function importClosure(root: string, entries: readonly string[]): Promise<string[]> {
  // Loaded when asked (~0.3 s): next.config.ts imports this module on every start, stamps only at build.
  const { default: ts } = await import('typescript');
  const options = compilerOptionsOf(ts, root);
  const seen = new Set<string>();
  const queue = entries.map((entry) => {
    const file = path.resolve(root, entry);
    if (!fs.existsSync(file)) throw new Error(`스탬프의 시작 파일이 없습니다: ${entry}`);
    return file;
  });
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.(c|m)?(j|t)sx?$/.test(file)) continue; // a JSON or other asset: hashed, not read for imports
    for (const specifier of specifiersOf(ts, file, fs.readFileSync(file, 'utf8'))) {
      if (!isLocal(specifier)) continue;
      const resolved = ts.resolveModuleName(specifier, file, options, ts.sys).resolvedModule?.resolvedFileName;
      const target = resolved ?? path.resolve(path.dirname(file), specifier);
      if (!fs.existsSync(target)) {
        throw new Error(`${path.relative(root, file)}의 import '${specifier}'가 가리키는 파일을 찾을 수 없습니다`);
      }
      if (!target.endsWith('.d.ts')) queue.push(target);
    }
  }
  return [...seen].map((file) => path.relative(root, file)).sort();
}

/** A short hash of the files' bytes and names, in the order given (paths relative to `root`). */
export function stampOf(root: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file).update('\u0000');
    hash.update(fs.readFileSync(path.resolve(root, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** The stamp of what `entries` run, with the packages' versions (package-lock.json). */
export async function codeStamp(root: string, entries: readonly string[]): Promise<string> {
  return stampOf(root, [...(await importClosure(root, entries)), 'package-lock.json']);
}

/**
 * The build's stamps (next.config.ts `env`) and the entry files each is the import closure of.
 * - CONTENT_PARSER_VERSION: the code that turns files into the content index's rows (parsing, the
 *   listing's kinds of file, the index's tables and writer). An index on disk written by other
 *   such code is read again behind the old one, never served as this build's.
 * - RENDER_VERSION: the code that renders bodies, for the bodies kept on disk
 *   (lib/render/render-store.ts): what the render thread runs (the pipeline, the sanitizer's
 *   schema, the content limits, photos, video links, text), the pool that hands its output back
 *   and the store that keeps it. What a render is asked with (site, photos, options) is in each
 *   entry's key.
 * - SOCIAL_IMAGE_VERSION: the code that draws share cards, so cards kept on disk by another
 *   design are not served.
 */
export const STAMP_ENTRIES = {
  CONTENT_PARSER_VERSION: [
    'lib/content/load-file.ts',
    'lib/content/files.ts',
    'lib/content/archive/archive.ts',
    'lib/content/archive-store.ts',
  ],
  RENDER_VERSION: ['lib/render/render-worker.ts', 'lib/render/render-pool.ts', 'lib/render/render-store.ts'],
  SOCIAL_IMAGE_VERSION: ['lib/social-image.tsx'],
} as const;

/** Every stamp of STAMP_ENTRIES for the checkout at `root`. */
export async function buildStamps(root: string): Promise<Record<keyof typeof STAMP_ENTRIES, string>> {
  const [parser, render, social] = await Promise.all([
    codeStamp(root, STAMP_ENTRIES.CONTENT_PARSER_VERSION),
    codeStamp(root, STAMP_ENTRIES.RENDER_VERSION),
    codeStamp(root, STAMP_ENTRIES.SOCIAL_IMAGE_VERSION),
  ]);
  return { CONTENT_PARSER_VERSION: parser, RENDER_VERSION: render, SOCIAL_IMAGE_VERSION: social };
}
