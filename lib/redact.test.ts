import { describe, expect, it } from 'vitest';

import { redact } from './redact';

describe('redact', () => {
  it('hides the userinfo of any URL, with or without a password, wherever it sits in a line', () => {
    expect(
      redact('git https://user:ghp_secret123@github.com/news/content.git (main): failed'),
    ).toBe('git https://***@github.com/news/content.git (main): failed');
    expect(
      redact("fatal: unable to access 'https://oauth2:glpat-XYZ@gitlab.example.com/a.git/'"),
    ).toBe("fatal: unable to access 'https://***@gitlab.example.com/a.git/'");
    expect(redact('https://ghp_tokenonly@github.com/a.git')).toBe('https://***@github.com/a.git');
    // An `@` inside the password, unencoded, as people paste them: all of it goes.
    expect(redact('https://user:p@ss@w0rd@git.example.org/a.git failed')).toBe(
      'https://***@git.example.org/a.git failed',
    );
    expect(redact('redis://:s3cr@t@10.0.0.5:6379 and https://git.example.org/x.git')).toBe(
      'redis://***@10.0.0.5:6379 and https://git.example.org/x.git',
    );
    expect(redact('connect redis://:pa55@10.0.0.5:6379 refused')).toBe(
      'connect redis://***@10.0.0.5:6379 refused',
    );
  });

  it('hides credential query values and leaves everything else as it was', () => {
    expect(redact('https://host/a.git?access_token=abc123&x=1')).toBe(
      'https://host/a.git?access_token=***&x=1',
    );
    expect(redact('https://host/a.git?private_token=abc#frag')).toBe(
      'https://host/a.git?private_token=***#frag',
    );
    const plain =
      'git file:///srv/news/content.git (main): 다시 받아 옵니다; git@github.com:news/content.git';
    expect(redact(plain)).toBe(plain);
  });

  // Attack finding: a raw token pasted into CONTENT_GIT_URL unencoded (`/`, `#`, a space) is
  // logged whole: git echoes the URL back and the userinfo pattern stops at those characters.
  it('hides a password with an unencoded /, # or space, as git echoes it back', () => {
    for (const password of ['ghp_AbC/dEf+123', 's3cr#t99', 'tok en99']) {
      const url = `https://deploy:${password}@127.0.0.1:1/news/content.git`;
      const line = `git ${url} (main): fatal: unable to access '${url}/'`;
      // A space ends a URL in free text: only the setting itself tells where its password ends.
      const env = { CONTENT_GIT_URL: url };
      expect(redact(line, env)).not.toContain(password);
      expect(redact(line, env)).toContain('127.0.0.1:1/news/content.git');
      if (!password.includes(' ')) expect(redact(line, {})).not.toContain(password);
    }
    const redis = 'redis://:pa ss@10.0.0.5:6379';
    expect(redact(`connect ${redis} refused`, { REDIS_URL: redis })).toBe('connect redis://***@10.0.0.5:6379 refused');
  });
});
