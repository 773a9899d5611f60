// Writes N deterministic Korean news articles shaped like the seed (about 4.5 KB a file) into a
// folder, spread over year/month/day folders as a real archive is:
//   node bench/generate-corpus.mjs 10000 bench/out/corpus-10000
//   node bench/generate-corpus.mjs 1000000            # both cores: one worker thread per core
// Front matter with categories of uneven size, tags, reporters (with `_reporters/` profiles), dates
// spread over ten years (more in recent ones) and a few breaking items; HTML and Markdown bodies
// with tables and images; the sample content's `_site.yml` and `_pages/`. Article i is made from
// its own seed, so the same N writes the same files whatever the number of workers
// (`BENCH_JOBS`). Beside the folder, `<folder>.json` describes the corpus for bench/archive.mjs:
// categories, tags and reporters with their counts, a sample of old articles, words to search.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

import { slug as toSlug } from 'github-slugger';

import { seededRandom } from '../lib/seeded-random.mjs';

const root = path.resolve(import.meta.dirname, '..');

/** mulberry32 seeded from (corpus seed, article index): article i never depends on article i-1. */
function prng(index) {
  return seededRandom((0x5eed ^ Math.imul(index + 1, 0x9e3779b1)) | 0);
}

// Sections of a daily, biggest first; picked with a Zipf-like weight, so some are huge.
const CATEGORIES = [
  '사회', '경제', '정치', '국제', '지역', '스포츠', '문화', 'IT·과학', '오피니언', '생활',
  '산업', '금융', '부동산', '증권', '교육', '노동', '환경', '북한', '건강', '연예',
  '사건·사고', '국회', '야구', '축구', '여행', '책', '공연', '게임', '사설', '칼럼',
];
const SUBJECTS = [
  '네이버', '한국은행', '서울시', '기상청', '국회', '엔비디아', '삼성전자', '교육부', '보건복지부',
  '현대차', '카카오', 'SK하이닉스', 'LG에너지솔루션', '기획재정부', '국토교통부', '금융위원회',
  '부산시', '경기도', '대법원', '검찰', '경찰청', '통계청', '산업통상자원부', '환경부', '국방부',
  '외교부', '법무부', '고용노동부', '문화체육관광부', '중소벤처기업부', '한국전력', '포스코',
  '쿠팡', '배달의민족', '대한항공', '한화', '롯데', '신세계', 'KB금융', '신한금융',
];
const TOPICS = [
  '소버린 AI', '기준금리', '반도체 수출', '한파특보', '예산안', '거대언어모델(LLM)', '전기차',
  '의료 개혁', '지방선거', '우주 발사체', '저출산', '고령화', '부동산 대책', '가계부채', '물가',
  '환율', '수출입 동향', '청년 일자리', '최저임금', '탄소중립', '재생에너지', '원전', '미세먼지',
  '폭염', '장마', '태풍', '지진', '교통사고', '보이스피싱', '전세사기', '학교폭력', '수능',
  '대입 제도', '의대 정원', '연금 개혁', '건강보험', '공공요금', '유가', '무역 분쟁', '공급망',
  '자율주행', '양자컴퓨터', '바이오 신약', 'K-팝', '한류 콘텐츠', '프로야구', '월드컵 예선',
  '올림픽', '국정감사', '개헌', '남북 관계', '한미 동맹', '관세', '스타트업 투자', '플랫폼 규제',
];
const PLACES = ['서울', '부산', '인천', '대구', '광주', '대전', '울산', '세종', '수원', '창원', '전주', '제주', '춘천', '강릉', '포항'];
const VERBS = ['발표했다', '밝혔다', '추진하고 있다', '검토 중이다', '강조했다', '내다봤다', '설명했다', '지적했다', '전했다', '예상했다'];
const IMAGES = ['chips', 'snow', 'bank', 'rocket', 'assembly', 'eu', 'subway', 'desert', 'clinic', 'ai', 'baseball', 'hangul'];
const SURNAMES = [['김', 'kim'], ['이', 'lee'], ['박', 'park'], ['최', 'choi'], ['정', 'jung'], ['강', 'kang'], ['조', 'cho'], ['윤', 'yoon'], ['장', 'jang'], ['임', 'lim'], ['한', 'han'], ['오', 'oh']];
const GIVEN = [['서연', 'seoyeon'], ['민준', 'minjun'], ['지우', 'jiwoo'], ['하늘', 'haneul'], ['준호', 'junho'], ['수빈', 'subin'], ['예린', 'yerin'], ['도윤', 'doyun'], ['시우', 'siwoo'], ['지민', 'jimin'], ['유진', 'yujin'], ['현우', 'hyunwoo'], ['다은', 'daeun'], ['태윤', 'taeyun']];
const DESKS = ['사회부', '경제부', '정치부', '국제부', '산업부', '문화부', '스포츠부', '전국부', '디지털뉴스부'];

// 150 reporters (ids are their file names under _reporters/); a tenth of bylines are wire names.
const REPORTERS = Array.from({ length: 150 }, (_, k) => {
  const [surname, surnameLatin] = SURNAMES[k % SURNAMES.length];
  const [given, givenLatin] = GIVEN[Math.floor(k / SURNAMES.length) % GIVEN.length];
  return { id: `${surnameLatin}-${givenLatin}`, name: `${surname}${given}`, desk: DESKS[k % DESKS.length] };
});
const WIRES = ['연합뉴스', '뉴시스', '온라인뉴스팀'];

// Tags: topics, subjects and places, then numbered series ("국정감사 2021"), 1,000 or so in all.
const TAGS = [
  ...TOPICS,
  ...SUBJECTS,
  ...PLACES.map((p) => `${p} 소식`),
  ...TOPICS.flatMap((t) => Array.from({ length: 16 }, (_, k) => `${t} ${2016 + (k % 11)}${k >= 11 ? `-${k}` : ''}`)),
];

// A Korean-like vocabulary of 20,000 nouns from common syllables, picked with a Zipf-like weight,
// so the search index sees the long tail of words a real archive has.
const SYLLABLES = [...'가나다라마바사아자차카타파하고노도로모보소오조초코토포호구누두루무부수우주추쿠투푸후기니디리미비시이지치키티피히개내대래매배새애재채해관광국군권금민발방산상선성신안양영원인장전정진한현화경공교대동명문병'];
const VOCABULARY = (() => {
  const next = prng(-1);
  return Array.from({ length: 20_000 }, () => {
    const length = next() < 0.7 ? 2 : 3;
    return Array.from({ length }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join('');
  });
})();
const PARTICLES = ['은', '는', '이', '가', '을', '를', '의', '에', '에서', '으로', '와', '과', '도', ''];

/** Article i: its relative path, its text, and what the manifest keeps of it. */
function makeArticle(i, count) {
  const random = prng(i);
  const pick = (list) => list[Math.floor(random() * list.length)];
  /** An index in [0, n) with weight ~ 1/(k+1): a few very common entries, a long tail. */
  const zipf = (n) => Math.min(n - 1, Math.floor(Math.exp(random() * Math.log(n + 1)) - 1));
  const word = () => `${VOCABULARY[zipf(VOCABULARY.length)]}${pick(PARTICLES)}`;
  const sentence = () => {
    const kind = random();
    if (kind < 0.35) return `${pick(SUBJECTS)}는 ${pick(TOPICS)}에 대해 "${pick(TOPICS)}의 중요성이 커지고 있다"며 관련 정책을 ${pick(VERBS)}.`;
    if (kind < 0.6) return `${pick(PLACES)}에서는 ${word()} ${word()} ${word()} ${pick(TOPICS)} 문제가 ${word()} ${word()} 것으로 ${pick(VERBS)}.`;
    if (kind < 0.8) return `${pick(SUBJECTS)} 관계자는 "${word()} ${word()} ${word()} ${word()} 상황을 지켜보고 있다"고 ${pick(VERBS)}.`;
    return `올해 ${pick(TOPICS)} 관련 수치는 지난해보다 ${(random() * 30).toFixed(1)}% ${random() < 0.5 ? '늘었다' : '줄었다'}고 ${pick(SUBJECTS)}는 ${pick(VERBS)}.`;
  };
  const paragraph = (n) => Array.from({ length: n }, sentence).join(' ');

  // Ten years, the newsroom growing: half uniform, half weighted towards recent years. Hours of a
  // working day, in KST; the newest is the end of November 2026.
  const start = Date.UTC(2016, 0, 1);
  const span = Date.UTC(2026, 10, 30) - start;
  const u = random();
  const day = Math.floor((random() < 0.5 ? u : Math.sqrt(u)) * (span / 86_400_000));
  const minutes = 6 * 60 + Math.floor(random() * 16 * 60);
  const kst = new Date(start + day * 86_400_000 + minutes * 60_000).toISOString();
  const date = `${kst.slice(0, 10)} ${kst.slice(11, 16)}`;
  const [year, month, dayOfMonth] = kst.slice(0, 10).split('-');

  const categories = [...new Set([CATEGORIES[zipf(CATEGORIES.length)], ...(random() < 0.2 ? [pick(CATEGORIES)] : [])])];
  const tags = [...new Set(Array.from({ length: Math.floor(random() * 4) }, () => TAGS[zipf(TAGS.length)]))];
  const authors = random() < 0.1 ? [pick(WIRES)] : [REPORTERS[zipf(REPORTERS.length)].id, ...(random() < 0.1 ? [pick(REPORTERS).id] : [])];
  const html = random() < 0.5;
  const title = `${pick(SUBJECTS)}, ${pick(TOPICS)} ${pick(['발표', '추진', '검토', '강조', '논란', '합의'])}… ${pick(PLACES)} ${word()} ${i + 1}번째 소식`;
  const image = `/images/${pick(IMAGES)}.svg`;
  const breaking = i >= count - 3 || random() < 0.0005;
  const sections = 4 + Math.floor(random() * 4);
  const front = [
    '---',
    `title: "${title}"`,
    'categories:',
    ...categories.map((c) => `  - ${c}`),
    `date: ${date}`,
    `author: ${authors.length === 1 ? authors[0] : `[${authors.join(', ')}]`}`,
    ...(tags.length > 0 ? [`tags: [${tags.join(', ')}]`] : []),
    `excerpt: >\n  ${paragraph(3)}`,
    `feature_text: >\n  ${paragraph(3)}`,
    `image: '${image}'`,
    ...(breaking ? ['breaking: true'] : []),
    '---',
    '',
  ].join('\n');
  const parts = [];
  for (let s = 0; s < sections; s += 1) {
    const heading = `${pick(TOPICS)}${pick(['의 배경', ' 현황', ' 전망', '을 둘러싼 쟁점', ' 이후'])}`;
    const text = paragraph(3 + Math.floor(random() * 4));
    if (html) parts.push(`<h2 data-ke-size="size26">${heading}</h2>`, `<p data-ke-size="size16">${text}</p>`);
    else parts.push(`## ${heading}`, s === 0 ? `**${pick(TOPICS)}**를 두고 ${text}` : text);
  }
  const table = html
    ? [
        '<table>\n  <tr><th>항목</th><th>내용</th></tr>',
        `  <tr><td style="text-align: center;"><b>${pick(SUBJECTS)}</b></td><td style="text-align: center;">${pick(TOPICS)}</td></tr>`,
        '</table>',
      ].join('\n')
    : `| 항목 | 내용 |\n| :-- | :-: |\n| **${pick(SUBJECTS)}** | ${pick(TOPICS)} |`;
  parts.splice(2, 0, table);
  const body = html
    ? [`<p><img src="${image}" alt="${pick(TOPICS)} 관련 사진" /></p>`, ...parts, `실시간 뉴스 속보는, <a href="https://example.com" rel="dofollow">https://example.com</a>`]
    : [`![${pick(TOPICS)} 관련 사진](${image})`, ...parts];
  const slug = `${kst.slice(0, 10)}-${i + 1}`;
  return {
    dir: path.join(year, month, dayOfMonth),
    file: `${slug}.${html ? 'html' : 'md'}`,
    text: `${front}\n${body.join('\n\n')}\n`,
    meta: { slug, date, categories, tags, authors },
  };
}

/** Writes articles lo, lo+step, … < count; returns the counts and the old articles it saw. */
function writeRange(out, count, lo, step) {
  const made = new Set();
  const counts = { categories: {}, tags: {}, reporters: {} };
  const old = [];
  let bytes = 0;
  for (let i = lo; i < count; i += step) {
    const article = makeArticle(i, count);
    const dir = path.join(out, article.dir);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    fs.writeFileSync(path.join(dir, article.file), article.text);
    bytes += Buffer.byteLength(article.text);
    const { meta } = article;
    for (const c of meta.categories) counts.categories[c] = (counts.categories[c] ?? 0) + 1;
    for (const t of meta.tags) counts.tags[t] = (counts.tags[t] ?? 0) + 1;
    for (const a of meta.authors) counts.reporters[a] = (counts.reporters[a] ?? 0) + 1;
    // Old: before 2020. Keep a deterministic sample of up to ~5,000 for the bench to pick from.
    if (meta.date < '2020' && i % Math.max(1, Math.floor(count / 20_000)) === 0) old.push(meta.slug);
  }
  return { counts, old, bytes };
}

if (!isMainThread) {
  const { out, count, lo, step } = workerData;
  parentPort.postMessage(writeRange(out, count, lo, step));
} else {
  const count = Number(process.argv[2] ?? 1000);
  const out = path.resolve(process.argv[3] ?? path.join(root, `bench/out/corpus-${count}`));
  if (!Number.isInteger(count) || count < 1) throw new Error('usage: generate-corpus.mjs N [folder]');
  const jobs = Math.max(1, Number(process.env.BENCH_JOBS ?? os.availableParallelism()));
  const started = performance.now();

  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, '_reporters'), { recursive: true });
  fs.copyFileSync(path.join(root, 'content/_site.yml'), path.join(out, '_site.yml'));
  fs.cpSync(path.join(root, 'content/_pages'), path.join(out, '_pages'), { recursive: true });
  for (const r of REPORTERS) {
    fs.writeFileSync(
      path.join(out, '_reporters', `${r.id}.yml`),
      `name: ${r.name}\nrole: 기자\ndesk: ${r.desk}\nemail: ${r.id}@hanbit-news.example\nemail_public: false\nbio: ${r.desk}에서 취재합니다.\n`,
    );
  }

  const results =
    jobs === 1 || count < 5000
      ? [writeRange(out, count, 0, 1)]
      : await Promise.all(
          Array.from(
            { length: jobs },
            (_, lo) =>
              new Promise((resolve, reject) => {
                const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { out, count, lo, step: jobs } });
                worker.once('message', resolve);
                worker.once('error', reject);
              }),
          ),
        );

  const merged = { categories: {}, tags: {}, reporters: {} };
  for (const { counts } of results) {
    for (const kind of Object.keys(merged)) {
      for (const [name, n] of Object.entries(counts[kind])) merged[kind][name] = (merged[kind][name] ?? 0) + n;
    }
  }
  const byCount = (kind, toSlugOf) =>
    Object.entries(merged[kind])
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([name, n]) => ({ name, slug: toSlugOf(name), count: n }));
  const profiled = new Set(REPORTERS.map((r) => r.id));
  const bytes = results.reduce((sum, r) => sum + r.bytes, 0);
  const manifest = {
    count,
    averageBytes: Math.round(bytes / count),
    categories: byCount('categories', toSlug),
    tags: byCount('tags', toSlug),
    reporters: byCount('reporters', (id) => id).filter((r) => profiled.has(r.name)),
    oldArticles: results.flatMap((r) => r.old).sort(),
    searchWords: [...SUBJECTS.slice(0, 10), ...TOPICS.slice(0, 10), ...VOCABULARY.slice(0, 10), ...VOCABULARY.slice(500, 510)],
  };
  fs.writeFileSync(`${out}.json`, `${JSON.stringify(manifest, null, 1)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `wrote ${count} articles (${manifest.averageBytes} bytes on average) to ${path.relative(process.cwd(), out)} in ${seconds} s with ${results.length} worker(s)`,
  );
}
