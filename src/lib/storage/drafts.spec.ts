import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type BillfoldDb } from './db';
import { discardDraft, readDraft, writeDraft } from './drafts';
import { readPreference, writePreference } from './preferences';

let db: BillfoldDb;
let counter = 0;

function freshDb(): BillfoldDb {
	db = openDb(`drafts-spec-${counter++}`);
	return db;
}

afterEach(async () => {
	db.close();
	await db.delete();
});

describe('drafts and preferences', () => {
	it('keeps a draft across a reopen of the database', async () => {
		const name = `drafts-reopen-${counter++}`;
		const first = openDb(name);
		await writeDraft(first, 'contact:new', { name: 'Peeters & Zonen' }, '2026-11-25T10:00:00Z');
		first.close();
		db = openDb(name);
		expect(await readDraft(db, 'contact:new')).toEqual({ name: 'Peeters & Zonen' });
		await discardDraft(db, 'contact:new');
		expect(await readDraft(db, 'contact:new')).toBeUndefined();
	});

	it('stores preferences by key', async () => {
		freshDb();
		expect(await readPreference(db, 'locale')).toBeUndefined();
		await writePreference(db, 'locale', 'nl');
		expect(await readPreference(db, 'locale')).toBe('nl');
	});
});
