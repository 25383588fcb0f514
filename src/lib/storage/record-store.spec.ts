import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ContactsRepo } from './contacts.repo';
import { openDb, type BillfoldDb } from './db';
import type { NamedIndexFields } from './named-records.repo';
import { echoes } from './testing/zone-echoes';

interface Contact extends NamedIndexFields {
	city: string;
}

const parser = { parse: (value: unknown) => value as Contact };

let db: BillfoldDb;
let counter = 0;

beforeEach(async () => {
	db = openDb(`record-store-${counter++}`);
	await db.open();
});

afterEach(async () => {
	db.close();
	await db.delete();
});

it('keeps the first createdAt and replaces the rest', async () => {
	const contacts = new ContactsRepo(db, parser);
	await contacts.put({ id: 'c1', name: 'Atelier', city: 'Gent' }, '2026-12-01T10:00:00.000Z');
	await contacts.put({ id: 'c1', name: 'Atelier BV', city: 'Brugge' }, '2026-12-07T10:00:00.000Z');
	const row = await db.contacts.get('c1');
	expect(row).toMatchObject({
		createdAt: '2026-12-01T10:00:00.000Z',
		updatedAt: '2026-12-07T10:00:00.000Z',
		name: 'Atelier BV',
		data: { city: 'Brugge' }
	});
});

it('saves without Dexie carrying its zone through microtask echoes', async () => {
	const contacts = new ContactsRepo(db, parser);
	await contacts.put({ id: 'c1', name: 'Atelier', city: 'Gent' }, '2026-12-01T10:00:00.000Z');
	const before = echoes();
	await contacts.put({ id: 'c1', name: 'Atelier BV', city: 'Gent' }, '2026-12-07T10:00:00.000Z');
	await contacts.put({ id: 'c2', name: 'Bakkerij', city: 'Gent' }, '2026-12-07T10:00:00.000Z');
	expect(echoes() - before).toBe(0);
});

it('joins a transaction it is called in: both writes or neither', async () => {
	const contacts = new ContactsRepo(db, parser);
	await expect(
		db.transaction('rw', db.contacts, db.items, async () => {
			await contacts.put({ id: 'c1', name: 'Atelier', city: 'Gent' }, '2026-12-07T10:00:00.000Z');
			await db.items.put({
				id: 'i1',
				name: 'Hour',
				archived: 0,
				schemaVersion: 1,
				createdAt: '2026-12-07T10:00:00.000Z',
				updatedAt: '2026-12-07T10:00:00.000Z',
				data: {}
			});
			throw new Error('changed my mind');
		})
	).rejects.toThrow('changed my mind');
	expect(await db.contacts.count()).toBe(0);
	expect(await db.items.count()).toBe(0);
});
