// The hats table in SQLite: uploaded pictures waiting for (or past) an admin's approval.

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type HatStatus = 'pending' | 'approved';

export interface Hat {
  id: number;
  name: string;
  status: HatStatus;
  createdAt: string;
}

export class HatStore {
  private readonly db: Database.Database;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.db = new Database(join(dir, 'tinyhat.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS hats (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      image BLOB NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved')),
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    )`);
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM hats').get() as { n: number }).n;
  }

  add(name: string, image: Buffer): Hat {
    const row = this.db
      .prepare('INSERT INTO hats (name, image) VALUES (?, ?) RETURNING id, name, status, created_at AS createdAt')
      .get(name, image) as Hat;
    return row;
  }

  list(status: HatStatus, limit = 50): Hat[] {
    return this.db
      .prepare('SELECT id, name, status, created_at AS createdAt FROM hats WHERE status = ? ORDER BY id LIMIT ?')
      .all(status, limit) as Hat[];
  }

  image(id: number): Buffer | undefined {
    const row = this.db.prepare('SELECT image FROM hats WHERE id = ?').get(id) as { image: Buffer } | undefined;
    return row?.image;
  }

  approve(id: number): Hat | undefined {
    return this.db
      .prepare(`UPDATE hats SET status = 'approved' WHERE id = ? RETURNING id, name, status, created_at AS createdAt`)
      .get(id) as Hat | undefined;
  }
}
