import { chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/** A folder or file under DATA_DIR whose mode let other users in: tightened, or left as it is when not ours to change. */
export interface PermissionChange {
  readonly path: string;
  /** The mode found, e.g. "755". */
  readonly was: string;
  /** The mode now, e.g. "700"; equal to `was` when it could not be changed. */
  readonly now: string;
  /** Why it was left as it is (a shared folder such as /tmp, another user's file). */
  readonly left?: string;
}

export type OnPermissionChange = (change: PermissionChange) => void;

const octal = (mode: number): string => (mode & 0o7777).toString(8);

/**
 * Makes `path` (which exists) private to this user: its group and other bits removed. A folder another user owns or
 * with the sticky bit (a shared folder such as /tmp used as DATA_DIR) is reported, never changed.
 */
function tighten(path: string, report: OnPermissionChange): void {
  const st = statSync(path);
  if ((st.mode & 0o077) === 0) return;
  const was = octal(st.mode);
  const mine = typeof process.getuid !== 'function' || st.uid === process.getuid();
  const left = !mine ? 'owned by another user' : st.isDirectory() && (st.mode & 0o1000) !== 0 ? 'a shared folder (sticky bit)' : undefined;
  if (left) {
    report({ path, was, now: was, left });
    return;
  }
  // Only the group and other bits go: a folder or file the operator made read-only stays read-only.
  chmodSync(path, st.mode & 0o700);
  report({ path, was, now: octal(st.mode & 0o700) });
}

/**
 * Prepares a SQLite database file so that only this user can read it: the folder 0700 (created so, or tightened),
 * the database file created empty with 0600 before SQLite writes anything into it (SQLite treats an empty file as
 * a new database and gives the -wal, -shm and -journal files it creates later the database file's mode), and any
 * existing database, -wal, -shm or -journal file with looser modes tightened to 0600.
 * @throws the file system's error (EACCES, EROFS…) when the folder or the file cannot be created or changed
 */
export function preparePrivateFile(folder: string, file: string, report: OnPermissionChange = () => undefined): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  tighten(folder, report);
  if (!existsSync(file)) {
    try {
      closeSync(openSync(file, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600));
    } catch (err) {
      // Another process (a worker starting beside this one) created it first: it is tightened below.
      if ((err as { code?: unknown }).code !== 'EEXIST') throw err;
    }
  }
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (existsSync(path)) tighten(path, report);
  }
}
