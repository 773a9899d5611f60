// Where a page's bytes go, as served (uncompressed): the visible HTML (and of it, class lists and
// text), the inline RSC payload (and of it, HTML strings serialized a second time, class names,
// props passed to client components), other inline scripts, and the head.
//   node bench/page-breakdown.mjs http://127.0.0.1:3000 / /articles/some-slug
// The HTML is read with rehype-parse (parse5), the RSC rows with JSON.parse: no regular
// expressions over markup.
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

const [base = 'http://127.0.0.1:3000', ...paths] = process.argv.slice(2);
const bytes = (text) => Buffer.byteLength(text, 'utf8');
const kb = (n) => +(n / 1024).toFixed(1);

/** The Flight rows Next pushes in `self.__next_f.push([1, "…"])` scripts, joined. */
function flightOf(scripts) {
  let flight = '';
  for (const code of scripts) {
    const start = code.indexOf('(');
    const end = code.lastIndexOf(')');
    if (!code.startsWith('self.__next_f.push(') || start < 0 || end < start) continue;
    try {
      const [kind, chunk] = JSON.parse(code.slice(start + 1, end));
      if (kind === 1 && typeof chunk === 'string') flight += chunk;
    } catch {
      // Not a payload push.
    }
  }
  return flight;
}

/** Sizes inside the Flight data: HTML strings (`__html`), class names, client components' props. */
function analyseFlight(flight) {
  const sizes = { html: 0, className: 0, clientProps: 0, rows: 0 };
  const clientRefs = new Set();
  const rows = flight.split('\n');
  for (const row of rows) {
    const colon = row.indexOf(':');
    if (colon < 0) continue;
    const id = row.slice(0, colon);
    const body = row.slice(colon + 1);
    if (body.startsWith('I[')) clientRefs.add(`$L${id}`);
  }
  const walk = (value) => {
    if (Array.isArray(value)) {
      // A React element: ["$", type, key, props].
      if (value[0] === '$' && typeof value[1] === 'string' && value.length === 4) {
        if (clientRefs.has(value[1])) sizes.clientProps += bytes(JSON.stringify(value[3] ?? null));
      }
      value.forEach(walk);
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === '__html' && typeof inner === 'string') sizes.html += bytes(JSON.stringify(inner));
        else if (key === 'className' && typeof inner === 'string') sizes.className += bytes(JSON.stringify(inner));
        walk(inner);
      }
    }
  };
  for (const row of rows) {
    const colon = row.indexOf(':');
    if (colon < 0) continue;
    sizes.rows += 1;
    const body = row.slice(colon + 1);
    if (!body.startsWith('[') && !body.startsWith('{')) continue;
    try {
      walk(JSON.parse(body));
    } catch {
      // A text row (T…) or a partial one.
    }
  }
  return sizes;
}

for (const path of paths.length > 0 ? paths : ['/']) {
  const response = await fetch(new URL(path, base));
  const html = await response.text();
  const tree = unified().use(rehypeParse).parse(html);
  const slice = (node) => html.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
  let rscScripts = 0;
  let otherScripts = 0;
  let head = 0;
  let classBytes = 0;
  let textBytes = 0;
  const payloads = [];
  const classes = new Map();
  visit(tree, 'element', (node, _index, parent) => {
    if (node.tagName === 'head') head = bytes(slice(node));
    if (node.tagName === 'script') {
      const code = node.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
      if (code.startsWith('self.__next_f')) {
        rscScripts += bytes(slice(node));
        payloads.push(code);
      } else {
        otherScripts += bytes(slice(node));
      }
      return 'skip';
    }
    const className = node.properties?.className;
    if (Array.isArray(className) && className.length > 0 && parent) {
      const value = className.join(' ');
      classBytes += bytes(value) + 9; // ` class=""`
      classes.set(value, (classes.get(value) ?? 0) + 1);
    }
    return undefined;
  });
  visit(tree, 'text', (node, _index, parent) => {
    if (parent?.type === 'element' && (parent.tagName === 'script' || parent.tagName === 'style')) return;
    textBytes += bytes(node.value);
  });
  const total = bytes(html);
  const flight = flightOf(payloads);
  const inFlight = analyseFlight(flight);
  const visible = total - rscScripts - otherScripts - head;
  const repeated = [...classes]
    .filter(([, count]) => count > 1)
    .map(([value, count]) => ({ classes: value.slice(0, 80), count, kb: kb((bytes(value) + 9) * count) }))
    .sort((a, b) => b.kb - a.kb)
    .slice(0, 5);
  console.log(
    JSON.stringify({
      path,
      status: response.status,
      totalKB: kb(total),
      visibleHtmlKB: kb(visible),
      classListsKB: kb(classBytes),
      textKB: kb(textBytes),
      headKB: kb(head),
      rscPayloadKB: kb(rscScripts),
      rscHtmlStringsKB: kb(inFlight.html),
      rscClassNamesKB: kb(inFlight.className),
      rscClientPropsKB: kb(inFlight.clientProps),
      otherInlineScriptsKB: kb(otherScripts),
      repeatedClassLists: repeated,
    }),
  );
}
