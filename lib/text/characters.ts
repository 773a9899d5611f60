/**
 * Characters no text of ours may hold: C0 controls other than tab, line feed and carriage return,
 * DEL, lone surrogates and the non-characters U+FFFE/U+FFFF. XML 1.0 forbids most of them, and
 * none has a meaning in an article; editors get them by pasting from word processors.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|\p{Cs}/gu;

/** What XML 1.0 cannot hold at all (the same set, without DEL, which XML allows). */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|\p{Cs}/gu;

/** `text` without control characters, lone surrogates and non-characters. */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL, '');
}

/** The first control character's offset in `text`, or -1. */
export function findControlCharacter(text: string): number {
  CONTROL.lastIndex = 0;
  const match = CONTROL.exec(text);
  CONTROL.lastIndex = 0;
  return match ? match.index : -1;
}

/** `text` with every character XML 1.0 forbids dropped. */
export function toXmlSafeText(text: string): string {
  return text.replace(NOT_XML, '');
}
