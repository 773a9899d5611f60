/**
 * 글자 크기: five steps for the article body, remembered on the device. The step is applied to
 * `<html data-text-size>` by a tiny inline script before the first paint (TEXT_SIZE_SCRIPT), so a
 * reader who chose large type never sees the page jump; app/globals.css turns it into a size.
 */
export const TEXT_SIZE_KEY = 'text-size';
export const TEXT_SIZES = ['가장 작게', '작게', '보통', '크게', '가장 크게'] as const;
export const DEFAULT_TEXT_SIZE = 3;

/** A stored step, or the default for anything else (a missing key, a hand-edited value). */
export function readTextSize(value: string | null | undefined): number {
  const step = Number(value);
  return Number.isInteger(step) && step >= 1 && step <= TEXT_SIZES.length ? step : DEFAULT_TEXT_SIZE;
}

/** Runs in `<head>` before the body is parsed; storage may be blocked, so it never throws. */
export const TEXT_SIZE_SCRIPT = `try{var s=localStorage.getItem(${JSON.stringify(TEXT_SIZE_KEY)});if(/^[1-5]$/.test(s||''))document.documentElement.dataset.textSize=s}catch(e){}`;
