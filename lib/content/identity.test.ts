import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { contentIdentity, folderSourceName, gitSourceName, keptDeploymentId, withoutCredentials } from './identity';

describe('the identity pages are cached under', () => {
  it('differs for two content folders, and is one for a folder reached through a link', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'identity-'));
    try {
      fs.mkdirSync(path.join(work, 'production'));
      fs.mkdirSync(path.join(work, 'staging'));
      fs.symlinkSync(path.join(work, 'production'), path.join(work, 'current'));
      const of = (folder: string, host = 'web-1') => contentIdentity(folderSourceName(path.join(work, folder), host), 'https://news.example.kr');
      expect(of('production')).not.toBe(of('staging'));
      expect(of('current')).toBe(of('production'));
      // The same path on another machine is another folder.
      expect(of('production', 'web-2')).not.toBe(of('production'));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('differs for two deployments with the same host name and path (two pods), by the id each keeps', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'identity-'));
    try {
      const folder = path.join(work, 'content');
      fs.mkdirSync(folder);
      const production = keptDeploymentId(path.join(work, 'production-data'));
      const staging = keptDeploymentId(path.join(work, 'staging-data'));
      const of = (id: string) => contentIdentity(folderSourceName(folder, 'news-0', id), undefined);
      expect(of(production)).not.toBe(of(staging));
      // Kept: a restart (or a second process on the same data folder) is the same deployment.
      expect(keptDeploymentId(path.join(work, 'production-data'))).toBe(production);
      expect(fs.readFileSync(path.join(work, 'production-data', 'deployment-id'), 'utf8').trim()).toBe(production);
      // A data folder that cannot be written: an id all the same, this process's own.
      fs.writeFileSync(path.join(work, 'a-file'), '');
      expect(keptDeploymentId(path.join(work, 'a-file'))).toMatch(/^[0-9a-f]{32}$/);
      expect(keptDeploymentId(path.join(work, 'a-file'))).not.toBe(keptDeploymentId(path.join(work, 'a-file')));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('differs for two repositories and two branches; credentials in the URL do not count', () => {
    const site = 'https://news.example.kr';
    const of = (url: string, branch: string) => contentIdentity(gitSourceName(url, branch), site);
    const main = of('https://git.example.kr/newsroom/content.git', 'main');
    expect(of('https://git.example.kr/newsroom/staging.git', 'main')).not.toBe(main);
    expect(of('https://git.example.kr/newsroom/content.git', 'staging')).not.toBe(main);
    expect(of('https://deploy:t0ken@git.example.kr/newsroom/content.git', 'main')).toBe(main);
    expect(withoutCredentials('https://deploy:t0ken@git.example.kr/x.git')).toBe('https://git.example.kr/x.git');
    expect(withoutCredentials('git@git.example.kr:newsroom/content.git')).toBe('git@git.example.kr:newsroom/content.git');
  });

  it('differs for two site URLs (pages carry absolute links), and never names a path', () => {
    const source = gitSourceName('file:///srv/news/content.git', 'main');
    const identity = contentIdentity(source, 'https://news.example.kr');
    expect(contentIdentity(source, 'https://staging.news.example.kr')).not.toBe(identity);
    expect(contentIdentity(source, undefined)).not.toBe(identity);
    expect(identity).toMatch(/^[0-9a-f]{32}$/);
  });
});
