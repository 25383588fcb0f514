import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type BillfoldDb } from '$lib/storage/db';
import { writePreference } from '$lib/storage/preferences';
import { RELAY_CONNECTION_PREFERENCE, servicesInUse } from './services-in-use';

let db: BillfoldDb;
let counter = 0;

function freshDb(): BillfoldDb {
	db = openDb(`services-in-use-spec-${counter++}`);
	return db;
}

afterEach(async () => {
	db.close();
	await db.delete();
});

describe('servicesInUse', () => {
	it('finds nothing on a new device, so the shell loads no relay, sync or sending code', async () => {
		expect(await servicesInUse(freshDb())).toEqual({
			relay: false,
			sync: false,
			outbox: false,
			recurring: false
		});
	});

	it('sees a joined relay, a sync setup, queued sends and recurring templates', async () => {
		freshDb();
		await writePreference(db, RELAY_CONNECTION_PREFERENCE, '{"baseUrl":"https://relay.test"}');
		await db.syncMeta.put({ key: 'pendingJoin', value: {} });
		await db.outbox.put({ invoiceId: 'a', status: 'queued', data: {} });
		await db.recurring.put({
			id: 'r',
			schemaVersion: 1,
			createdAt: '2026-05-17T09:00:00.000Z',
			updatedAt: '2026-05-17T09:00:00.000Z',
			name: 'Hosting',
			contactId: 'c',
			nextDue: '2026-06-01',
			data: {}
		});
		expect(await servicesInUse(db)).toEqual({
			relay: true,
			sync: true,
			outbox: true,
			recurring: true
		});
	});

	it('treats a relay left (stored as an empty connection) as none', async () => {
		freshDb();
		await writePreference(db, RELAY_CONNECTION_PREFERENCE, '');
		expect((await servicesInUse(db)).relay).toBe(false);
	});
});
