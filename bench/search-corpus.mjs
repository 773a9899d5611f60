// Articles shaped like bench/generate-corpus.mjs's (same word lists, same kind of dates), made in
// memory as the search index takes them (title, short fields, the body's plain text), so a search
// bench at a million articles needs neither files nor the content pipeline. Deterministic.

import { attackKinds, attackQuery } from './search-queries.mjs';
import { seededRandom } from '../lib/seeded-random.mjs';

const categories = ['경제', '사회', '정치', '국제', 'IT·과학', '문화', '스포츠', '생활', '지역', '오피니언'];
const subjects = ['네이버', '한국은행', '서울시', '기상청', '국회', '엔비디아', '삼성전자', '교육부', '보건복지부', '현대차'];
const topics = ['소버린 AI', '기준금리', '반도체 수출', '한파특보', '예산안', '거대언어모델(LLM)', '전기차', '의료 개혁', '지방선거', '우주 발사체'];
const verbs = ['발표했다', '밝혔다', '추진하고 있다', '검토 중이다', '강조했다', '내다봤다'];

/** The bench articles, oldest file first as the generator writes them: { slug, published, … }. */
export function* searchCorpus(count, seedValue = 0x5eed) {
  const random = seededRandom(seedValue);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const sentence = () =>
    `${pick(subjects)}는 ${pick(topics)}에 대해 "${pick(topics)}의 중요성이 커지고 있다"며 관련 정책을 ${pick(verbs)}.`;
  const paragraph = (n) => Array.from({ length: n }, sentence).join(' ');
  const start = Date.UTC(2016, 0, 1);
  const span = Date.UTC(2026, 10, 1) - start;
  for (let i = 0; i < count; i += 1) {
    // Minutes, as front matter gives them.
    const published = new Date(Math.floor((start + Math.floor(random() * span)) / 60_000) * 60_000);
    const cats = [...new Set([pick(categories), ...(random() < 0.2 ? [pick(categories)] : [])])];
    const html = random() < 0.5;
    const title = `${pick(subjects)}, ${pick(topics)} ${pick(['발표', '추진', '검토', '강조'])}… ${i + 1}번째 소식`;
    const excerpt = paragraph(2);
    const featureText = paragraph(1);
    const tags = random() < 0.3 ? [pick(topics), pick(subjects)] : [];
    const body = html
      ? `${pick(topics)}의 배경 ${paragraph(4)} 항목 내용 ${pick(subjects)} ${pick(topics)} 전망 ${paragraph(3)} 실시간 뉴스 속보는, https://example.com`
      : `${pick(topics)} 관련 사진 ${pick(topics)}의 배경 ${paragraph(4)} 항목 내용 ${pick(subjects)} ${pick(topics)} 전망 ${pick(topics)}를 두고 ${paragraph(3)}`;
    const iso = published.toISOString();
    yield {
      slug: `${iso.slice(0, 10)}-${i + 1}`,
      sourceKey: `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(0, 10)}-${i + 1}.${html ? 'html' : 'md'}\u00000\u00000`,
      published,
      title,
      excerpt,
      featureText,
      categories: cats,
      tags,
      body,
    };
  }
}

// Queries readers ask (bench/search.mjs's) and the attack set (bench/search-attack.mjs's).
const WORDS = ['네이버', '네이버는', '소버', '소버린 AI', 'LLM', '한국은행', '기준금리', '반도체 수출', '엔비디아', '삼성전자는', '우주', '발사체', '의료 개혁', '전기차', '지방선거', '교육부의', '서울시', '현대차', '기상청', '거대언어모델'];

/** bench/search.mjs's 100 varied queries. */
export function normalQueries() {
  return Array.from({ length: 100 }, (_, i) => {
    const a = WORDS[i % WORDS.length];
    const b = WORDS[(i * 7 + 3) % WORDS.length];
    return i % 3 === 0 ? `${a} ${b}` : i % 3 === 1 ? a.slice(0, Math.max(1, a.length - 1)) : a;
  });
}

/** bench/search-attack.mjs's variants (bench/search-queries.mjs): ten of each kind. */
export function attackQueries() {
  return attackKinds.flatMap((kind) => Array.from({ length: 10 }, (_, i) => ({ kind, query: attackQuery(kind, i) })));
}
