import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type FolderLock = { release(): void };

/** Lock files held by this process (a second open in the same process is refused too). */
const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock on an embedded-database folder. PGlite silently loses rows when two
 * processes open one folder, so a second opener gets a clear error instead. A lock left by a
 * process that no longer runs on this host is taken over.
 */
export function lockDataFolder(dir: string): FolderLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'tartip.lock');
  if (held.has(file)) {
    throw new Error(`The data folder ${dir} is already in use by this process: open it once and share the handle.`);
  }
  const me = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, me, { flag: 'wx' });
      held.add(file);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.delete(file);
        try {
          const held = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number };
          if (held.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: { pid?: number; host?: string; since?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof holder;
      } catch {
        /* unreadable lock: treat as stale */
      }
      const sameHost = holder.host === undefined || holder.host === os.hostname();
      if (holder.pid && sameHost && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new Error(
          `The data folder ${dir} is already in use by another Tartip process (pid ${holder.pid}, since ${holder.since ?? '?'}). ` +
            `Only one process may open an embedded database: stop the other process, or point TARTIP_DATA_DIR elsewhere, ` +
            `or use a PostgreSQL server through DATABASE_URL for several processes.`,
        );
      }
      if (holder.pid && !sameHost) {
        throw new Error(
          `The data folder ${dir} is locked by host ${holder.host} (pid ${holder.pid}). Remove ${file} only if that host no longer uses it.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the data folder ${dir}`);
}
