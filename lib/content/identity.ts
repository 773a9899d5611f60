// Which content a rendered page is of, as one short name. Pages are shared between processes (the
// page cache on disk outlives a restart; Redis is shared by every instance and may be by other
// deployments of the same build): a page may only be served by a process whose content and site
// address are the same as those it was rendered with.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `url` without a user name or password: two deployments reading one repository are one source. */
export function withoutCredentials(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // scp-like `git@host:path` or a plain path: no password to remove.
    return url;
  }
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}

/** A git source: the repository and the branch followed. */
export function gitSourceName(url: string, branch: string): string {
  return `git ${withoutCredentials(url)} ${branch}`;
}

/**
 * A folder source: this machine and the folder's real path. Processes on one host reading one
 * folder (through any symbolic link) share pages; the same path on two machines may hold two
 * different sites, so it names two sources.
 */
export function folderSourceName(root: string, host = os.hostname()): string {
  let real: string;
  try {
    real = fs.realpathSync(root);
  } catch {
    real = path.resolve(root);
  }
  return `folder ${host} ${real}`;
}

/**
 * The identity pages are cached under: a hash (no path or URL leaves the process in it) of the
 * content source's name and the site's URL (`SITE_URL`), which every page carries in its links.
 */
export function contentIdentity(sourceName: string, siteUrl: string | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify([sourceName, siteUrl ?? '']))
    .digest('hex')
    .slice(0, 32);
}
