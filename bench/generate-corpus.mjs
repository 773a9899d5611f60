// Writes N deterministic Korean news articles shaped like the seed into a folder:
//   node bench/generate-corpus.mjs 10000 bench/out/corpus-10k
// Front matter with categories, dates spread over years and some breaking items; HTML and
// Markdown bodies with tables and images. The same N always writes the same files.
import fs from 'node:fs';
import path from 'node:path';

const count = Number(process.argv[2] ?? 1000);
const out = path.resolve(process.argv[3] ?? `bench/out/corpus-${count}`);
if (!Number.isInteger(count) || count < 1) throw new Error('usage: generate-corpus.mjs N [folder]');

// A small deterministic PRNG (mulberry32), so runs are comparable.
let seed = 0x5eed;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const categories = [
  '경제',
  '사회',
  '정치',
  '국제',
  'IT·과학',
  '문화',
  '스포츠',
  '생활',
  '지역',
  '오피니언',
];
const subjects = [
  '네이버',
  '한국은행',
  '서울시',
  '기상청',
  '국회',
  '엔비디아',
  '삼성전자',
  '교육부',
  '보건복지부',
  '현대차',
];
const topics = [
  '소버린 AI',
  '기준금리',
  '반도체 수출',
  '한파특보',
  '예산안',
  '거대언어모델(LLM)',
  '전기차',
  '의료 개혁',
  '지방선거',
  '우주 발사체',
];
const verbs = ['발표했다', '밝혔다', '추진하고 있다', '검토 중이다', '강조했다', '내다봤다'];
const images = [
  'chips',
  'snow',
  'bank',
  'rocket',
  'assembly',
  'eu',
  'subway',
  'desert',
  'clinic',
  'ai',
  'baseball',
  'hangul',
];

function sentence() {
  return `${pick(subjects)}는 ${pick(topics)}에 대해 "${pick(topics)}의 중요성이 커지고 있다"며 관련 정책을 ${pick(verbs)}.`;
}
function paragraph(n = 3) {
  return Array.from({ length: n }, sentence).join(' ');
}

fs.rmSync(out, { recursive: true, force: true });
const start = Date.UTC(2016, 0, 1);
const span = Date.UTC(2026, 10, 1) - start;
for (let i = 0; i < count; i += 1) {
  const when = new Date(start + Math.floor(random() * span));
  const kst = new Date(when.getTime() + 9 * 3600_000).toISOString();
  const date = `${kst.slice(0, 10)} ${kst.slice(11, 16)}`;
  const year = kst.slice(0, 4);
  const month = kst.slice(5, 7);
  const cats = [pick(categories), ...(random() < 0.2 ? [pick(categories)] : [])];
  const html = random() < 0.5;
  const title = `${pick(subjects)}, ${pick(topics)} ${pick(['발표', '추진', '검토', '강조'])}… ${i + 1}번째 소식`;
  const image = `/images/${pick(images)}.svg`;
  const breaking = i >= count - 3 || random() < 0.001;
  const lede = paragraph(2);
  const front = [
    '---',
    `title: "${title}"`,
    'categories:',
    ...[...new Set(cats)].map((c) => `  - ${c}`),
    `date: ${date}`,
    `excerpt: >\n  ${lede}`,
    `feature_text: >\n  ${paragraph(1)}`,
    `image: '${image}'`,
    ...(breaking ? ['breaking: true'] : []),
    ...(random() < 0.3 ? [`tags: [${pick(topics)}, ${pick(subjects)}]`] : []),
    '---',
    '',
  ].join('\n');
  const body = html
    ? [
        `<p><img src="${image}" alt="${pick(topics)} 관련 사진" /></p>`,
        `<h2 data-ke-size="size26">${pick(topics)}의 배경</h2>`,
        `<p data-ke-size="size16">${paragraph(4)}</p>`,
        '<table>\n  <tr><th>항목</th><th>내용</th></tr>',
        `  <tr><td style="text-align: center;"><b>${pick(subjects)}</b></td><td style="text-align: center;">${pick(topics)}</td></tr>`,
        '</table>',
        `<h2 data-ke-size="size26">전망</h2>`,
        `<p data-ke-size="size16">${paragraph(3)}</p>`,
        `실시간 뉴스 속보는, <a href="https://example.com" rel="dofollow">https://example.com</a>`,
      ].join('\n\n')
    : [
        `![${pick(topics)} 관련 사진](${image})`,
        `## ${pick(topics)}의 배경`,
        paragraph(4),
        `| 항목 | 내용 |\n| :-- | :-: |\n| **${pick(subjects)}** | ${pick(topics)} |`,
        '## 전망',
        `**${pick(topics)}**를 두고 ${paragraph(3)}`,
      ].join('\n\n');
  const dir = path.join(out, year, month);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `${kst.slice(0, 10)}-${i + 1}.${html ? 'html' : 'md'}`),
    `${front}\n${body}\n`,
  );
}
console.log(`wrote ${count} articles to ${path.relative(process.cwd(), out)}`);
