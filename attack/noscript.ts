import { toString as hastToString } from 'hast-util-to-string';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { toSearchText } from '@/lib/search/text';
const html = unified().use(rehypeParse, { fragment: true });
const old = (b: string) => hastToString(html.parse(b)).replace(/\s+/g, ' ').trim();
for (const body of [
  '<p>앞</p><noscript><p>스크립트 없이 <b>보는</b> 글</p><img src=x alt="대체"></noscript>',
  '<template><p>숨은</p></template>글',
  '<svg><title>제목</title><desc>설명</desc></svg><math><mi>x</mi></math>',
  '<p>&amp;&lt;b&gt; &nbsp;&#0;&#x110000;</p><![CDATA[cdata]]>',
  '<p>a\u0000b</p>',
]) console.log(JSON.stringify(body), '\n  old:', JSON.stringify(old(body)), '\n  new:', JSON.stringify(toSearchText(body, 'html')));
