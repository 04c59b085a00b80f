// Errors the database layer raises for conditions a person can act on. Each has a stable code.
export type DatabaseErrorCode = 'database_too_new' | 'database_corrupt' | 'disk_full' | 'database_locked' | 'database_unreadable';

export class DatabaseError extends Error {
  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

/** Turns a raw SQLite error into one a person can act on; returns undefined for anything else. */
export function describeSqliteError(e: unknown, file?: string): DatabaseError | undefined {
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new DatabaseError(
      'database_corrupt',
      `The data file ${file ?? ''} is damaged or is not a Parley database. Restore the most recent backup beside it (*.bak), or start Parley with another data folder.`,
      file,
    );
  }
  if (code === 'SQLITE_FULL') {
    return new DatabaseError('disk_full', 'The disk holding Parley\'s data is full. Nothing was changed; free some space and try again.', file);
  }
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new DatabaseError('database_locked', 'Parley\'s data file is in use by another program. Close the other Parley window and try again.', file);
  }
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_READONLY' || code.startsWith('SQLITE_IOERR')) {
    return new DatabaseError('database_unreadable', `Parley cannot read or write its data file ${file ?? ''}. Check that the folder exists and that you may write to it.`, file);
  }
  return undefined;
}
