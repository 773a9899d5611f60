/**
 * What of the running Node a stored derivation depends on beside our code: its version and its ICU
 * and Unicode data (`Intl` splits and sorts words, `normalize` composes Hangul). The stores on disk
 * add it to the build's stamp (lib/code-stamp.ts) when they open: a server moved to another Node
 * without a new build reads and renders again rather than serve what the old one made.
 */
export const runtimeVersion = (): string =>
  [process.version, process.versions.icu ?? '-', process.versions.unicode ?? '-'].join(':');
