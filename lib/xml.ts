import { XMLBuilder } from 'fast-xml-parser';

import { toXmlSafeText } from '@/lib/text/characters';

/**
 * An XML element as a plain object, in fast-xml-parser's shape: `@name` keys are attributes,
 * `#text` is the element's text, other keys are child elements (an array repeats the element).
 */
export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | number | XmlNode | readonly (string | XmlNode)[] | undefined;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  suppressEmptyNode: true,
  // Never write an attribute whose value is "true" as a bare name: that is HTML, not XML.
  suppressBooleanAttributes: false,
  // Escapes & < > " ' in every text and attribute: nothing written here is ever markup.
  processEntities: true,
});

/** Drops undefined values and characters XML 1.0 cannot hold, anywhere in the tree. */
function clean(value: XmlValue): XmlValue {
  if (value === undefined || typeof value === 'number') return value;
  if (typeof value === 'string') return toXmlSafeText(value);
  if (Array.isArray(value)) return value.map((item) => clean(item) as string | XmlNode);
  const out: XmlNode = {};
  for (const [key, child] of Object.entries(value as XmlNode)) {
    if (child !== undefined) out[key] = clean(child);
  }
  return out;
}

/**
 * Writes one XML document with a well-kept serializer: text and attributes are escaped for XML,
 * and characters XML forbids (controls, lone surrogates, U+FFFE/FFFF) are dropped, so the
 * document parses whatever the content held. `root` has exactly one key, the root element.
 */
export function writeXml(root: XmlNode): string {
  return builder.build({
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    ...(clean(root) as XmlNode),
  });
}
