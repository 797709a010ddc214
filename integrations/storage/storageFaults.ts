import type { StorageFaultCode } from './errors';

export interface StorageFaultText {
  /** What happened, in an operator's words. */
  readonly what: string;
  /** What an operator should do about it. */
  readonly todo: string;
}

/** What each storage fault means and what an operator should do (logs, error messages, the consoles' 503 answers). */
export const STORAGE_FAULTS: Readonly<Record<StorageFaultCode, StorageFaultText>> = {
  STORAGE_FULL: {
    what: 'the disk holding the database (or the database size limit) is full',
    todo: 'free space on the disk holding the database (DATA_DIR with SQLite); the bot works again by itself once there is room',
  },
  STORAGE_LOCKED: {
    what: 'the database stayed locked by another connection for longer than the busy timeout',
    todo: 'look for a process holding the database in a long transaction (a backup, a sqlite3 shell, a stuck bot process) and end it',
  },
  STORAGE_IO: {
    what: 'the operating system reported a disk input/output error',
    todo: 'check the disk and the file system of DATA_DIR (kernel log, free space, a network mount that went away)',
  },
  STORAGE_READONLY: {
    what: 'the database cannot be written',
    todo: 'check the permissions of the database file, its -wal and -shm files and their folder, and that the disk is not mounted read-only',
  },
  STORAGE_CORRUPT: {
    what: 'the database file is damaged',
    todo: 'stop the bot, keep a copy of the damaged file, and restore the latest backup (or try `sqlite3 … .recover`)',
  },
  STORAGE_UNAVAILABLE: {
    what: 'the database cannot be used (closed connection or unreachable server)',
    todo: 'check that the store is running and reachable; restart the bot if its connection was closed',
  },
};
