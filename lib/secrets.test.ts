import { describe, expect, it, vi } from 'vitest';

import { checkSecrets, checkSecretsOrExit, EXIT_CONFIG, readSecret, usableSecret } from './secrets.mjs';

const GOOD = '3f9c1a7e5b2d48c6a0e19f7b3d5c2e8a41b6d0f9c7e3a5b1';

describe('secrets the server starts with', () => {
  it('takes a long random value, and an unset or empty one as off', () => {
    expect(readSecret('PREVIEW_TOKEN', { PREVIEW_TOKEN: GOOD })).toBe(GOOD);
    expect(readSecret('PREVIEW_TOKEN', {})).toBeUndefined();
    expect(readSecret('PREVIEW_TOKEN', { PREVIEW_TOKEN: '' })).toBeUndefined();
    expect(() => checkSecrets({ CACHE_SECRET: GOOD, CONTENT_HOOK_SECRET: GOOD, PREVIEW_TOKEN: GOOD, REDIS_URL: 'redis://127.0.0.1:1' })).not.toThrow();
    expect(() => checkSecrets({})).not.toThrow();
  });

  it("refuses deploy/news.env.example's placeholders, naming the variable", () => {
    expect(() => checkSecrets({ CONTENT_HOOK_SECRET: 'change-me-to-a-long-random-string' })).toThrow(/^CONTENT_HOOK_SECRET: .*예시 값\(changeme\)/);
    expect(() => checkSecrets({ PREVIEW_TOKEN: 'change-me-too' })).toThrow(/^PREVIEW_TOKEN: /);
    // Long enough, but still somebody's example: any spelling of the word.
    expect(() => readSecret('CACHE_SECRET', { CACHE_SECRET: `${GOOD}_CHANGE_ME` })).toThrow(/^CACHE_SECRET: .*changeme/);
    expect(() => readSecret('CACHE_SECRET', { CACHE_SECRET: `example-${GOOD}` })).toThrow(/^CACHE_SECRET: .*example/);
  });

  it('refuses a short secret (the old e2e preview token, 22 characters) and a repeated character', () => {
    expect(() => checkSecrets({ PREVIEW_TOKEN: 'e2e-preview-token-7f3a' })).toThrow(/^PREVIEW_TOKEN: .*32자 이상이어야 합니다 \(지금 22자\)/);
    expect(() => checkSecrets({ CACHE_SECRET: GOOD.slice(0, 31) })).toThrow(/^CACHE_SECRET: .*32자 이상/);
    expect(() => checkSecrets({ CONTENT_HOOK_SECRET: 'ab'.repeat(32) })).toThrow(/^CONTENT_HOOK_SECRET: .*되풀이/);
  });

  it('refuses patterns someone typed, and a command that was never run', () => {
    const refused = {
      // Sixteen different characters, each twice: a unit repeated.
      '0123456789abcdef0123456789abcdef': /되풀이/,
      abcdefghabcdefghabcdefghabcdefgh: /되풀이/,
      // Not periodic, but an alphabet typed in order.
      'x0123456789abcdefghijklmnopqrstuvw': /차례로/,
      'zyxwvutsrqponmlkjihgfedcba9876543210': /차례로/,
      'Qwerty!Qwerty?Summer2026Qwerty#xyz': /차례로/,
      // Long, eight letters, no period: still too little chance in it.
      aaaaaaaaaaaaaaaaaaaaaaaaabcdefgxhaaaaa: /되풀이|무작위성|차례로/,
      '$(openssl rand -hex 32)': /명령/,
      '`openssl rand -base64 48`-produced-value': /명령/,
    };
    for (const [value, reason] of Object.entries(refused)) {
      expect(() => readSecret('CACHE_SECRET', { CACHE_SECRET: value }), value).toThrow(reason);
    }
  });

  it('takes what openssl rand makes, in hex and base64, at the shortest length allowed', () => {
    for (const value of [
      GOOD,
      '9d1f4e7a2c6b08e35f1a9c4d7e2b6a0f',
      'u5Jc1zQ0r8XbN3m/6kVq+T2yW9hLd4Ae',
      'Zq3HgP0xv7Kc1M8sYb4RnWt6Ej2Lu9Dc5Aa0Fi7OoN3yTq1Xp8Vs6GkBm4Jh2Wd',
    ]) {
      expect(readSecret('CACHE_SECRET', { CACHE_SECRET: value }), value).toBe(value);
    }
  });

  it('refuses REDIS_URL without CACHE_SECRET: nobody could tell our cache entries from forged ones', () => {
    expect(() => checkSecrets({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/^CACHE_SECRET: REDIS_URL/);
    expect(() => checkSecrets({ REDIS_URL: 'redis://127.0.0.1:6379', CACHE_SECRET: '' })).toThrow(/^CACHE_SECRET: /);
    expect(() => checkSecrets({ REDIS_URL: '  ' })).not.toThrow();
  });

  it('tells how to make a good one', () => {
    expect(() => checkSecrets({ PREVIEW_TOKEN: 'short' })).toThrow(/openssl rand -hex 32/);
  });
});

describe('secrets a request asks for', () => {
  it('a placeholder opens nothing, even where the start check did not run', () => {
    vi.stubEnv('CONTENT_HOOK_SECRET', 'change-me-to-a-long-random-string');
    vi.stubEnv('PREVIEW_TOKEN', GOOD);
    try {
      expect(usableSecret('CONTENT_HOOK_SECRET')).toBeUndefined();
      expect(usableSecret('PREVIEW_TOKEN')).toBe(GOOD);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('the check at server start', () => {
  it('prints one line naming the variable and exits with EX_CONFIG (78)', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      checkSecretsOrExit({ CONTENT_HOOK_SECRET: 'change-me-to-a-long-random-string' });
      expect(exit).toHaveBeenCalledWith(EXIT_CONFIG);
      expect(EXIT_CONFIG).toBe(78);
      expect(errors).toHaveBeenCalledTimes(1);
      expect(String(errors.mock.calls[0]?.[0])).toMatch(/^\[secrets\] CONTENT_HOOK_SECRET: /);
      exit.mockClear();
      checkSecretsOrExit({ CONTENT_HOOK_SECRET: GOOD });
      expect(exit).not.toHaveBeenCalled();
    } finally {
      exit.mockRestore();
      errors.mockRestore();
    }
  });
});
