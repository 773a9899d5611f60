import fs from 'node:fs';

import { defineConfig, devices } from '@playwright/test';

import { contentDir, dataDir, PORT, PREVIEW_TOKEN, STANDALONE_PORT } from './e2e/support';

/** Debian's Chromium where it is installed (no browser download here), else Playwright's own. */
function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find(
    (candidate): candidate is string => !!candidate && fs.existsSync(candidate),
  );
}

const serverEnv = {
  CONTENT_DIR: contentDir,
  DATA_DIR: dataDir,
  // 많이 본 뉴스 asks for fresh counts every second, so the tests need not wait a minute.
  MOST_READ_REFRESH_S: '1',
  NEXT_TELEMETRY_DISABLED: '1',
  // The address the site names itself by, which the specs compare links with. It stays put when
  // E2E_PORT moves the servers (a second checkout testing on the same machine).
  SITE_URL: 'http://127.0.0.1:3100',
  PREVIEW_TOKEN,
};

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'on-first-retry',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'site', testIgnore: /(cluster.*|photos)\.spec\.ts/ },
    // A 5 MB camera photo made into variants takes a core for seconds: its own 5 s freshness check
    // would race the other specs' (and theirs its), so the photos run alone, after them.
    { name: 'photos', testMatch: /photos\.spec\.ts/, dependencies: ['site'], workers: 1 },
    // Three more servers, Redis and nginx, and a kill under load: on two cores that would starve
    // the other specs' 5 s freshness checks, so the clusters run alone, after them, one at a time.
    { name: 'cluster', testMatch: /cluster.*\.spec\.ts/, dependencies: ['site', 'photos'], workers: 1 },
  ],
  webServer: [
    {
      // What the README's first command runs (`npm start`).
      command: 'node scripts/start.mjs',
      url: `http://127.0.0.1:${PORT}/api/breaking`,
      env: { ...serverEnv, PORT: String(PORT), HOSTNAME: '127.0.0.1' },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // A copy of the standalone build, as an operator deploys it: its page cache is its own.
      command: 'node server.js',
      cwd: '.e2e/standalone',
      url: `http://127.0.0.1:${STANDALONE_PORT}/api/breaking`,
      env: { ...serverEnv, PORT: String(STANDALONE_PORT), HOSTNAME: '127.0.0.1' },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
