// Which content a rendered page is of, as one short name. Pages are shared between processes (the
// page cache on disk outlives a restart; Redis is shared by every instance and may be by other
// deployments of the same build): a page may only be served by a process whose content and site
// address are the same as those it was rendered with.
import { createHash, randomBytes } from 'node:crypto';
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
 * A folder source: this machine, the folder's real path and the deployment's own id (keptId).
 * Processes on one host reading one folder (through any symbolic link) with one data folder share
 * pages; the same path on two machines, or in two containers that share a host name (two pods of
 * two deployments), may hold two different sites, so it names two sources.
 */
export function folderSourceName(root: string, host = os.hostname(), keptId = ''): string {
  let real: string;
  try {
    real = fs.realpathSync(root);
  } catch {
    real = path.resolve(root);
  }
  return `folder ${host} ${real} ${keptId}`;
}

const KEPT_ID_FILE = 'deployment-id';

/**
 * A random id this deployment keeps in its data folder (DATA_DIR/deployment-id), made on its first
 * start: what tells two deployments apart that nothing else does. Without a writable data folder,
 * an id for this process alone (its pages are then not shared, never mixed).
 */
export function keptDeploymentId(dataDir: string): string {
  const file = path.join(/* turbopackIgnore: true */ dataDir, KEPT_ID_FILE);
  try {
    const known = fs.readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{32}$/.test(known)) return known;
  } catch {
    // Not made yet.
  }
  const id = randomBytes(16).toString('hex');
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, `${id}\n`, { flag: 'wx' });
    return id;
  } catch {
    // Another process made it first (read that one), or the folder is not writable.
    try {
      const known = fs.readFileSync(file, 'utf8').trim();
      if (/^[0-9a-f]{32}$/.test(known)) return known;
    } catch {
      // Not writable: this process's own.
    }
    return id;
  }
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
