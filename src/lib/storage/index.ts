export { appDb, defaultDbName, openDb, type BillfoldDb } from './db';
export { discardDraft, readDraft, writeDraft } from './drafts';
export { readStorageReport, requestPersistence, type StorageReport } from './persistence';
export { readPreference, writePreference } from './preferences';
export { RecordStore, type Parser } from './record-store';
export type * from './records';
