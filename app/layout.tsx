import type { Metadata, Viewport } from 'next';

import { BreakingBanner } from '@/components/breaking/breaking-banner';
import { Masthead } from '@/components/layout/masthead';
import { SiteFooter } from '@/components/layout/site-footer';
import { SkipLink } from '@/components/layout/skip-link';
import { getMasthead, getView } from '@/lib/content';
import { feedAlternates } from '@/lib/metadata';
import { HOME_PATH } from '@/lib/paths';
import { TEXT_SIZE_SCRIPT } from '@/lib/reader/text-size';
import { site } from '@/lib/site';

import './globals.css';

/** The publication's name, description and URL, from `_site.yml` or the environment. */
export function generateMetadata(): Metadata {
  const view = getView();
  const { name, description, url } = getMasthead(view);
  return {
    metadataBase: new URL(`${url}/`),
    title: { default: name, template: `%s | ${name}` },
    description,
    alternates: { types: feedAlternates(view) },
    openGraph: { type: 'website', siteName: name, locale: 'ko_KR', url: HOME_PATH },
    twitter: { card: 'summary_large_image' },
    // Search and Discover may show our photos large (their 1200 px variants are made for it).
    robots: { 'max-image-preview': 'large' },
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#0a0a0a' },
  ],
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    // The inline script sets data-text-size on <html> before React sees it (글자 크기, no flash).
    <html lang={site.lang} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: TEXT_SIZE_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-white font-sans text-ink antialiased dark:bg-neutral-950 dark:text-neutral-100">
        <SkipLink />
        <BreakingBanner />
        <Masthead />
        <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 pt-6 focus:outline-none">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
