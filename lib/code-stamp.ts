/**
 * Stamps for what a build keeps on disk (next.config.ts): a short hash of the code that made it.
 * The content index is stamped with the code that turns files into its rows, the rendered bodies
 * with the code that renders them, each the import closure of its entry files, so that a build
 * whose change lies elsewhere (a page, a query, the search box) keeps both: at a million articles
 * a new stamp means every file read again (~25 min of two cores) or every page rendered again.
 *
 * The closure follows what runs: static and dynamic imports, re-exports, `require`, and the two
 * ways lib/ starts a worker (`new URL('./x.ts', import.meta.url)`, `import.meta.resolve('./x.ts')`);
 * a file another resolver could pick instead (`x.tsx` beside `x.ts`) is stamped too.
 * `import type` and `export type` are left out: they are erased, so they cannot change what runs.
 * Packages are not followed: package-lock.json, stamped with them, names every version; so are
 * the build's settings (BUILD_FILES). A local import that cannot be resolved, or a module named in
 * a way the walker cannot follow, fails the build: a stamp that missed a file would keep output
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
  let source: ts.SourceFile;
  try {
    source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  } catch (error) {
    throw new Error(`${fileName}: 스탬프를 위해 읽을 수 없습니다 (${(error as Error).message})`);
  }
  const found: string[] = [];
  const where = (node: ts.Node) => `${fileName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  // A specifier only known when the code runs cannot be followed: refused, not skipped.
  const literal = (node: ts.Node | undefined, of: ts.Node, what: string) => {
    if (node && ts.isStringLiteralLike(node)) found.push(node.text);
    else throw new Error(`${where(of)}: ${what}의 대상이 글자 그대로 쓰여 있지 않아 따라갈 수 없습니다`);
  };
  const unwrapped = (node: ts.Expression): ts.Expression => (ts.isParenthesizedExpression(node) ? unwrapped(node.expression) : node);
  const look = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      if (!isTypeOnlyImport(node)) literal(node.moduleSpecifier, node, 'import');
    } else if (ts.isExportDeclaration(node)) {
      if (node.moduleSpecifier && !isTypeOnlyExport(node)) literal(node.moduleSpecifier, node, 'export');
    } else if (ts.isImportEqualsDeclaration(node)) {
      if (!node.isTypeOnly && ts.isExternalModuleReference(node.moduleReference)) literal(node.moduleReference.expression, node, 'require');
    } else if (ts.isCallExpression(node)) {
      const callee = unwrapped(node.expression);
      const name = callee.kind === ts.SyntaxKind.ImportKeyword ? 'import()' : callee.getText(source);
      if (['import()', 'require', 'require.resolve', 'import.meta.resolve'].includes(name)) literal(node.arguments[0], node, name);
      else if (/(^|\.)(createRequire|require\.context|module\.require)$/.test(name)) {
        throw new Error(`${where(node)}: ${name}로 부르는 모듈은 따라갈 수 없습니다 (import를 쓰세요)`);
      }
    } else if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword) {
      // import.meta may name a module two ways only, both followed above: the base of
      // new URL('./worker.ts', import.meta.url) (Turbopack bundles a worker from that very
      // expression) and import.meta.resolve('./x.ts'). Anything else (a file read beside this one,
      // createRequire(import.meta.url), a base built from it) would run or read what no stamp sees.
      const use = node.parent;
      const isUrlBase =
        isImportMetaUrl(ts, use) &&
        ts.isNewExpression(use.parent) &&
        /^(globalThis\.)?URL$/.test(use.parent.expression.getText(source)) &&
        use.parent.arguments?.[1] === use;
      const isResolve = ts.isPropertyAccessExpression(use) && use.name.text === 'resolve' && ts.isCallExpression(use.parent) && use.parent.expression === use;
      if (!isUrlBase && !isResolve) throw new Error(`${where(node)}: 이 import.meta는 스탬프가 따라갈 수 없습니다 (new URL('./…', import.meta.url)나 import.meta.resolve('./…')만 따라갑니다)`);
      if (isUrlBase) {
        const named = (use.parent as ts.NewExpression).arguments?.[0];
        // Only a worker's module: a data file read this way would be read, not run, and unstamped.
        if (named && ts.isStringLiteralLike(named) && !(/^\.\.?\//.test(named.text) && isCode(named.text))) {
          throw new Error(`${where(use.parent)}: new URL(…, import.meta.url)는 './'로 시작하는 모듈 파일(.ts, .js…)만 따라갑니다: '${named.text}'`);
        }
        literal(named, use.parent, 'new URL(…, import.meta.url)');
      }
    }
  };
  // Walked with a stack, not recursion: code nested however deep cannot run it out of stack.
  const stack: ts.Node[] = [source];
  while (stack.length > 0) {
    const node = stack.pop()!;
    look(node);
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isImportEqualsDeclaration(node)) continue;
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return found;
}

/** A source file larger than this is refused: no module of ours comes near it (the largest is ~40 KB). */
const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

/** Extensions a module's file may have: every one beside a resolved file is stamped with it. */
const MODULE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.json'];
const isCode = (file: string) => /\.(c|m)?(j|t)sx?$/.test(file) && !file.endsWith('.d.ts');

/**
 * The files a specifier that resolved to `file` could be, as another resolver picks (Turbopack
 * prefers `schema.tsx` to `schema.ts` where TypeScript does the opposite; `a.d.ts` stands for an
 * `a.js` beside it): every one that exists, so that none of them changes unstamped.
 */
function candidatesOf(file: string): string[] {
  const dir = path.dirname(file);
  const name = path.basename(file);
  const ext = MODULE_EXTENSIONS.filter((e) => name.endsWith(e)).sort((x, y) => y.length - x.length)[0] ?? path.extname(name);
  const stem = path.join(dir, name.slice(0, name.length - ext.length));
  const bases = path.basename(stem) === 'index' ? [stem, dir] : [stem, path.join(stem, 'index')];
  return bases.flatMap((base) => MODULE_EXTENSIONS.map((e) => base + e)).filter((candidate) => fs.statSync(candidate, { throwIfNoEntry: false })?.isFile());
}

/**
 * A walker over the checkout at `root`: for a list of entries, every file of the checkout they run
 * (themselves included), sorted, relative to `root`. A specifier is this checkout's when TypeScript
 * resolves it, as the project compiles (`paths` included), to a file outside node_modules; a
 * relative, absolute, `@/` or `#` one must be. Throws, naming the importing file, when one
 * resolves to nothing, to a folder or outside the checkout. Each file is read and resolved once
 * however many closures reach it (the build's three overlap).
 */
async function closureWalker(root: string): Promise<(entries: readonly string[]) => string[]> {
  // Loaded when asked (~0.3 s): next.config.ts imports this module on every start, stamps only at build.
  const { default: ts } = await import('typescript');
  const options = compilerOptionsOf(ts, root);
  const cache = ts.createModuleResolutionCache(root, (name) => name, options);
  const inside = (file: string) => {
    const relative = path.relative(root, file);
    return !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  /** The files one file makes run: what its specifiers resolve to, with their siblings. */
  const targets = new Map<string, string[]>();
  const targetsOf = (file: string): string[] => {
    const known = targets.get(file);
    if (known) return known;
    const name = path.relative(root, file);
    if (fs.statSync(file).size > MAX_SOURCE_BYTES) throw new Error(`${name}: 소스 파일이 너무 큽니다 (스탬프는 ${MAX_SOURCE_BYTES}바이트까지 읽습니다)`);
    const text = fs.readFileSync(file, 'utf8');
    if (text.includes('\u0000')) throw new Error(`${name}: 글자 파일이 아닙니다 (NUL 바이트가 있습니다)`);
    const found: string[] = [];
    for (const specifier of new Set(specifiersOf(ts, name, text))) {
      const resolved = ts.resolveModuleName(specifier, file, options, ts.sys, cache).resolvedModule;
      const mustBeLocal = /^(\.{1,2}\/|\/|@\/|#)/.test(specifier);
      if (resolved?.isExternalLibraryImport || (!resolved && !mustBeLocal)) continue; // a package
      const target = resolved?.resolvedFileName ?? path.resolve(path.dirname(file), specifier);
      const problem = !fs.statSync(target, { throwIfNoEntry: false })?.isFile()
        ? '가리키는 파일을 찾을 수 없습니다'
        : !inside(target)
          ? '이 폴더 밖의 파일을 가리킵니다'
          : undefined;
      if (problem) throw new Error(`${name}의 import '${specifier}'가 ${problem}`);
      found.push(target, ...candidatesOf(target));
    }
    targets.set(file, found);
    return found;
  };
  return (entries) => {
    const seen = new Set<string>();
    const queue = entries.map((entry) => {
      const file = path.resolve(root, entry);
      if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) throw new Error(`스탬프의 시작 파일이 없습니다: ${entry}`);
      return file;
    });
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      // JSON, a declaration: hashed, not read for imports.
      if (isCode(file)) queue.push(...targetsOf(file));
    }
    return [...seen].map((file) => path.relative(root, file)).sort();
  };
}

/** The files `entries` run (see closureWalker), sorted, relative to `root`. */
export async function importClosure(root: string, entries: readonly string[]): Promise<string[]> {
  return (await closureWalker(root))(entries);
}

/**
 * What every stamp includes besides the closure: how the build resolves and compiles (a `paths`
 * entry in tsconfig.json, package.json's `imports`, next.config.ts) and the packages' versions.
 * The Node a server runs on is added where the stores open (lib/runtime-version.ts).
 */
const BUILD_FILES = ['next.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json'];

/** A short hash of the files' bytes and names, in the order given (paths relative to `root`). */
export function stampOf(root: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file).update('\u0000');
    hash.update(fs.readFileSync(path.resolve(root, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** The stamp of `files` (a closure) with how the checkout is built (the BUILD_FILES it has). */
function withBuildFiles(root: string, files: readonly string[]): string {
  const build = BUILD_FILES.filter((file) => fs.existsSync(path.join(root, file)));
  return stampOf(root, [...files, ...build]);
}

/** The stamp of what `entries` run, with how it is built. */
export async function codeStamp(root: string, entries: readonly string[]): Promise<string> {
  return withBuildFiles(root, await importClosure(root, entries));
}

/**
 * The build's stamps (next.config.ts `env`) and the entry files each is the import closure of.
 * - CONTENT_PARSER_VERSION: the code that turns files into the content index's rows: the listing
 *   and its kinds of file, the sources that stat and hand files on, what sets them up with their
 *   limits and loader (process-store.ts, and all it runs), the read threads (which also
 *   take the search words, and so run the search text and the sanitizer's schema), parsing, and
 *   the index's tables and writer. An index on disk written by other such code is read again
 *   behind the old one, never served as this build's.
 * - RENDER_VERSION: the code that renders bodies, for the bodies kept on disk
 *   (lib/render/render-store.ts): what the render thread runs (the pipeline, the sanitizer's
 *   schema, the content limits, photos, video links, text), the pool that hands its output back,
 *   the store that keeps it and the one path between them (stored-render.ts). What a render is
 *   asked with (site, photos, options) is in each entry's key.
 * - SOCIAL_IMAGE_VERSION: the code that draws share cards, so cards kept on disk by another
 *   design are not served.
 */
export const STAMP_ENTRIES = {
  CONTENT_PARSER_VERSION: [
    'lib/content/load-file.ts',
    'lib/content/files.ts',
    'lib/content/folder-source.ts',
    'lib/content/git-source.ts',
    'lib/workers/read-pool.ts',
    'lib/content/archive-store.ts',
    'lib/content/archive/archive.ts',
    'lib/content/archive/records.ts',
    'lib/content/process-store.ts',
  ],
  RENDER_VERSION: ['lib/render/stored-render.ts', 'lib/render/render-worker.ts'],
  SOCIAL_IMAGE_VERSION: ['lib/social-image.tsx'],
} as const;

/** Every stamp of STAMP_ENTRIES for the checkout at `root`, from one walk of its files. */
export async function buildStamps(root: string): Promise<Record<keyof typeof STAMP_ENTRIES, string>> {
  const closure = await closureWalker(root);
  const stamp = (entries: readonly string[]) => withBuildFiles(root, closure(entries));
  return {
    CONTENT_PARSER_VERSION: stamp(STAMP_ENTRIES.CONTENT_PARSER_VERSION),
    RENDER_VERSION: stamp(STAMP_ENTRIES.RENDER_VERSION),
    SOCIAL_IMAGE_VERSION: stamp(STAMP_ENTRIES.SOCIAL_IMAGE_VERSION),
  };
}
