import type { MetadataRoute } from 'next';

import { getMasthead, getView } from '@/lib/content';
import {
  absoluteUrl,
  API_PREFIX,
  NEWS_SITEMAP_PATH,
  PREVIEW_PREFIX,
  SITEMAP_PATH,
} from '@/lib/paths';

// `ai_training` in content/_site.yml can change without a rebuild.
export const revalidate = 10;

/** Crawlers that collect text for AI training, kept out when `ai_training: disallow`. */
const AI_CRAWLERS = [
  'GPTBot',
  'ChatGPT-User',
  'ClaudeBot',
  'anthropic-ai',
  'Google-Extended',
  'Applebot-Extended',
  'CCBot',
  'PerplexityBot',
  'Bytespider',
  'meta-externalagent',
  'cohere-ai',
];

export default function robots(): MetadataRoute.Robots {
  const rules: MetadataRoute.Robots['rules'] = [
    { userAgent: '*', allow: '/', disallow: [API_PREFIX, PREVIEW_PREFIX] },
  ];
  const view = getView();
  if (getMasthead(view).aiTraining === 'disallow')
    rules.push({ userAgent: AI_CRAWLERS, disallow: '/' });
  return {
    rules,
    sitemap: [absoluteUrl(view, SITEMAP_PATH), absoluteUrl(view, NEWS_SITEMAP_PATH)],
  };
}
