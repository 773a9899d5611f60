import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { openArchive } from './archive';
import { archiveRecords } from './records';
import { toSourceFile } from './test-support';

const NOW = new Date('2026-12-01T00:00:00Z');
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

function freshArchive() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-records-'));
  folders.push(folder);
  return openArchive({ file: path.join(folder, 'index.sqlite'), fingerprint: 'records-test' });
}

const article = (i: number) => toSourceFile(`2026/11/a-${i}.md`, `---\ntitle: 기사 ${i}\ndate: 2026-11-01\n---\n본문\n`, NOW);

describe('archiveRecords', () => {
  it('asks the index once a file as a read asks, stats and records it', () => {
    const archive = freshArchive();
    try {
      const lookups = vi.spyOn(archive, 'fileRecord');
      const records = archiveRecords(archive);
      // A first read: each file asked for, then recorded, in batches, flushed as it goes.
      const files = Array.from({ length: 1200 }, (_, i) => article(i));
      for (let start = 0; start < files.length; start += 200) {
        const batch = files.slice(start, start + 200);
        for (const file of batch) expect(records.get(file.entry.path)).toBeUndefined();
        for (const file of batch) records.set(file.entry, file);
      }
      records.flush?.();
      expect(lookups.mock.calls.length).toBeLessThanOrEqual(files.length + 600);
      expect(archive.fileTotal()).toBe(1200);
      expect(records.size).toBe(1200);
    } finally {
      archive.close();
    }
  });

  it('never answers from what it asked before a removal was applied', () => {
    const archive = freshArchive();
    try {
      const records = archiveRecords(archive);
      const file = article(1);
      records.set(file.entry, file);
      records.flush?.();
      expect(records.get(file.entry.path)).toMatchObject({ size: file.size });
      records.delete(file.entry.path);
      expect(records.get(file.entry.path)).toBeUndefined();
      records.flush?.();
      expect(records.get(file.entry.path)).toBeUndefined();
      expect(records.size).toBe(0);
      // Recorded again after its removal: known again, counted once.
      records.set(file.entry, file);
      records.flush?.();
      expect(records.get(file.entry.path)).toMatchObject({ size: file.size });
      expect(records.size).toBe(1);
    } finally {
      archive.close();
    }
  });
});
