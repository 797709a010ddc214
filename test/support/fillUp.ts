import type Database from 'better-sqlite3';

/**
 * Makes a database "full" for real: caps the file a few pages above its size (PRAGMA max_page_count, on this
 * connection) and inserts until SQLite answers SQLITE_FULL, with no free page left. Returns how to free the
 * space again (the operator's part: the filler goes and the cap is lifted).
 */
export function fillUp(db: Database.Database): () => void {
  db.exec('CREATE TABLE IF NOT EXISTS filler (b BLOB)');
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages + 8}`);
  const insert = db.prepare('INSERT INTO filler (b) VALUES (randomblob(1000))');
  let code: unknown;
  for (let i = 0; i < 10_000 && code === undefined; i += 1) {
    try {
      insert.run();
    } catch (e) {
      code = (e as { code?: unknown }).code;
    }
  }
  expect(code).toBe('SQLITE_FULL');
  expect(db.pragma('freelist_count', { simple: true })).toBe(0);
  return () => {
    db.exec('DELETE FROM filler');
    db.pragma('max_page_count = 4294967294');
  };
}
