'use client';

import { useState, useSyncExternalStore } from 'react';

import { readTextSize, TEXT_SIZE_KEY, TEXT_SIZES } from '@/lib/reader/text-size';

export interface ArticleToolsProps {
  /** The article's canonical, absolute URL. */
  url: string;
  title: string;
  /** The plain share links, shown after the buttons. */
  children?: React.ReactNode;
}

const button = 'tool';

/** Copies with the Clipboard API, or with a selected text field where it is missing or refused. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const field = document.createElement('textarea');
    field.value = text;
    field.setAttribute('readonly', '');
    field.style.position = 'fixed';
    field.style.opacity = '0';
    document.body.append(field);
    field.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    field.remove();
    return copied;
  }
}

const SIZE_EVENT = 'text-size-change';

/** The step on <html data-text-size> is the one truth: set before paint, changed by the buttons. */
function subscribeToSize(onChange: () => void) {
  window.addEventListener(SIZE_EVENT, onChange);
  return () => window.removeEventListener(SIZE_EVENT, onChange);
}
const readSize = () => readTextSize(document.documentElement.dataset.textSize);
const noSubscription = () => () => {};
const hasShareSheet = () => typeof navigator.share === 'function';

/**
 * The article toolbar: URL 복사, 공유 (the Web Share API, which is how phones reach KakaoTalk;
 * shown only where the browser has it), 인쇄 and 글자 크기. Each says what it did in a live region.
 */
export function ArticleTools({ url, title, children }: ArticleToolsProps) {
  const [message, setMessage] = useState('');
  // Server snapshots: no share sheet and no known size until the page is in the reader's browser.
  const canShare = useSyncExternalStore(noSubscription, hasShareSheet, () => false);
  const size = useSyncExternalStore(subscribeToSize, readSize, () => undefined);

  const changeSize = (next: number) => {
    const step = readTextSize(String(next));
    document.documentElement.dataset.textSize = String(step);
    try {
      localStorage.setItem(TEXT_SIZE_KEY, String(step));
    } catch {
      // Storage may be off (private mode): the size still applies to this page.
    }
    window.dispatchEvent(new Event(SIZE_EVENT));
    setMessage(`글자 크기: ${TEXT_SIZES[step - 1]}`);
  };

  const copy = async () => {
    setMessage((await copyText(url)) ? '기사 주소를 복사했습니다' : `복사하지 못했습니다. 주소: ${url}`);
  };

  const share = async () => {
    try {
      await navigator.share({ title, url });
    } catch {
      // The reader closed the share sheet: nothing to say.
    }
  };

  const current = size ?? 3;
  return (
    <>
      <button type="button" className={button} onClick={copy}>
        URL 복사
      </button>
      {canShare ? (
        <button type="button" className={button} onClick={share}>
          공유
        </button>
      ) : null}
      <button type="button" className={button} onClick={() => window.print()}>
        인쇄
      </button>
      <span role="group" aria-label="글자 크기" className="inline-flex gap-1">
        <button
          type="button"
          className={button}
          aria-label="글자 작게"
          disabled={size === undefined || current <= 1}
          onClick={() => changeSize(current - 1)}
        >
          가<span aria-hidden="true">−</span>
        </button>
        <button
          type="button"
          className={button}
          aria-label="글자 크게"
          disabled={size === undefined || current >= TEXT_SIZES.length}
          onClick={() => changeSize(current + 1)}
        >
          가<span aria-hidden="true">+</span>
        </button>
      </span>
      {children}
      <span role="status" className="basis-full text-sm text-neutral-700 dark:text-neutral-300">
        {message}
      </span>
    </>
  );
}
