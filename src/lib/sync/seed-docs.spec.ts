import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Contact } from '$lib/contacts';
import { openDb, writeSyncMeta, type BillfoldDb, type ContactRow } from '$lib/storage';
import { buildContact } from '../../../tests/factories';
import { MemoryRelay } from './testing/memory-relay';
import { contactStore, settle, startDevice, type TestDevice } from './testing/devices';
import { seedMissingDocs } from './runtime';
import {
	beginSeedingWalk,
	everyRecordHasDoc,
	finishSeedingWalk,
	SEED_CHUNK,
	seedChunks
} from './seed-docs';
import { BOOTSTRAPPED_KEY, forgetSyncSetup } from './sync-setup';
import { exportBackup, restoreBackup } from './backup';
import { docFromUpdates, readRecord } from './record-doc';

const NOW = '2026-11-25T10:00:00.000Z';
/** More untold records than seeding looks up one by one. */
const LOOKUPS = 40;
let open: TestDevice[] = [];
let counter = 0;

afterEach(async () => {
	await Promise.all(open.map((device) => device.close()));
	open = [];
});

function contacts(count: number): Contact[] {
	return Array.from({ length: count }, (_, i) => ({
		...buildContact({ name: `Existing ${i} BV` }),
		id: `0196f000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`
	}));
}

/** Contacts written before sync was ever on: no capture, no doc. */
async function writeWithoutSync(db: BillfoldDb, records: readonly Contact[]): Promise<void> {
	const rows: ContactRow[] = records.map((contact) => ({
		id: contact.id,
		schemaVersion: 1,
		createdAt: NOW,
		updatedAt: NOW,
		name: contact.name,
		archived: 0,
		data: contact
	}));
	await db.contacts.bulkPut(rows);
}

/** A database that holds `records` and, like the device that turned sync on, the workspace. */
async function firstDeviceDb(records: readonly Contact[]): Promise<BillfoldDb> {
	const db = openDb(`seed-docs-${counter++}`);
	await writeWithoutSync(db, records);
	await writeSyncMeta(db, BOOTSTRAPPED_KEY, true);
	return db;
}

/** The records a device's docs hold, by id (what a second device would project). */
async function docRecords(db: BillfoldDb): Promise<Map<string, unknown>> {
	const rows = await db.docUpdates.orderBy('seq').toArray();
	const byDoc = new Map<string, Uint8Array[]>();
	for (const row of rows) byDoc.set(row.docId, [...(byDoc.get(row.docId) ?? []), row.update]);
	const records = new Map<string, unknown>();
	for (const [docId, updates] of byDoc) {
		const doc = docFromUpdates(updates);
		records.set(docId, readRecord(doc).record);
		doc.destroy();
	}
	return records;
}

describe('seeding docs for records written before sync', () => {
	it('chunks only the records without a doc, in key order, and counts the keys each chunk spans', () => {
		const ids = Array.from(
			{ length: SEED_CHUNK + 10 },
			(_, i) => `id-${String(i).padStart(4, '0')}`
		);
		const withDocs = new Set([
			'id-0001',
			'id-0002',
			`id-${String(SEED_CHUNK + 5).padStart(4, '0')}`
		]);
		const chunks = seedChunks('contacts', ids, withDocs);
		expect(chunks.map((chunk) => chunk.ids.length)).toEqual([SEED_CHUNK, 7]);
		expect(chunks[0]?.ids.slice(0, 2)).toEqual(['id-0000', 'id-0003']);
		expect(chunks[0]?.spanned).toBe(SEED_CHUNK + 2);
		expect(chunks.flatMap((chunk) => chunk.ids).some((id) => withDocs.has(id))).toBe(false);
	});

	it('seeds exactly the records that lack a doc when it reads a chunk by key range', async () => {
		const records = contacts(SEED_CHUNK);
		const db = openDb(`seed-docs-${counter++}`);
		try {
			await writeWithoutSync(db, records);
			// Every other record already has a doc: the chunk spans twice its size, read by range.
			const first = await seedMissingDocs(db, NOW);
			expect(first).toBe(records.length);
			const edited = records.filter((_, i) => i % 2 === 0).map((c) => ({ ...c, city: 'Gent' }));
			await db.docUpdates
				.where('docId')
				.anyOf(edited.map((c) => c.id))
				.delete();
			await writeWithoutSync(db, edited);
			expect(await seedMissingDocs(db, NOW)).toBe(edited.length);
			expect(await db.docUpdates.count()).toBe(records.length);
			const docs = await docRecords(db);
			const expected = new Map<string, unknown>(records.map((c) => [c.id, c]));
			for (const contact of edited) expected.set(contact.id, contact);
			expect(docs).toEqual(expected);
		} finally {
			db.close();
			await db.delete();
		}
	});
});

describe('seeding after a bootstrap, told which docs its pulls wrote', () => {
	it('looks up only the records it was not told about, without walking every doc', async () => {
		const records = contacts(3 * LOOKUPS);
		const db = openDb(`seed-docs-${counter++}`);
		const steps = vi.spyOn(IDBCursor.prototype, 'continue');
		try {
			await writeWithoutSync(db, records);
			expect(await seedMissingDocs(db, NOW)).toBe(records.length);
			// One record lost its doc (say a backup restored it); two more are not in the told set.
			const lost = records[1]?.id ?? '';
			await db.docUpdates.where('docId').equals(lost).delete();
			const untold = new Set([lost, records[2]?.id ?? '', records[3]?.id ?? '']);
			const pulled = new Set(records.map((c) => c.id).filter((id) => !untold.has(id)));
			steps.mockClear();
			expect(await seedMissingDocs(db, NOW, pulled)).toBe(1);
			expect(steps).not.toHaveBeenCalled();
			expect(await db.docUpdates.count()).toBe(records.length);
			expect((await docRecords(db)).get(lost)).toEqual(records[1]);
			// Told every record: nothing to look up, nothing to seed.
			steps.mockClear();
			expect(await seedMissingDocs(db, NOW, new Set(records.map((c) => c.id)))).toBe(0);
			expect(steps).not.toHaveBeenCalled();
			// Told nothing: still finds every doc (one walk), seeds none. The walk steps a cursor: the
			// checks above that none stepped could fail.
			steps.mockClear();
			expect(await seedMissingDocs(db, NOW)).toBe(0);
			expect(steps).toHaveBeenCalled();
			expect(await db.docUpdates.count()).toBe(records.length);
		} finally {
			steps.mockRestore();
			db.close();
			await db.delete();
		}
	});

	it('a new device that pulled every record seeds without walking its docs', async () => {
		const relay = new MemoryRelay();
		const records = contacts(3 * LOOKUPS);
		const laptop = await startDevice(relay, 'laptop', { db: await firstDeviceDb(records) });
		open.push(laptop);
		await settle([laptop], relay);
		const steps = vi.spyOn(IDBCursor.prototype, 'continue');
		try {
			const phone = await startDevice(relay, 'phone');
			await settle([phone], relay);
			expect(await phone.db.contacts.count()).toBe(records.length);
			// Closing waits for the seeding that follows the bootstrap.
			await phone.close();
			expect(relay.head).toBe(records.length);
			expect(steps).not.toHaveBeenCalled();
		} finally {
			steps.mockRestore();
		}
	});
});

describe('the first upload of records that existed before sync', () => {
	it('uploads every record once, over several chunks; a second device gets exactly the records', async () => {
		const relay = new MemoryRelay();
		const records = contacts(3 * SEED_CHUNK);
		const db = await firstDeviceDb(records);
		const laptop = await startDevice(relay, 'laptop', { db });
		open.push(laptop);
		await settle([laptop], relay);
		expect(relay.head).toBe(records.length);
		expect(new Set(relay.log.map((row) => row.docId)).size).toBe(records.length);
		expect(laptop.runtime.engine.status).toMatchObject({ pending: 0, error: null });

		const phone = await startDevice(relay, 'phone');
		open.push(phone);
		await settle([phone], relay);
		const store = contactStore(phone.db);
		for (const index of [0, SEED_CHUNK - 1, SEED_CHUNK, records.length - 1]) {
			const record = records[index];
			if (!record) throw new Error(`no record ${index}`);
			expect(await store.get(record.id)).toEqual(record);
		}
		expect(await phone.db.contacts.count()).toBe(records.length);
	});

	it('keeps a save made while the upload runs, and resumes a stopped upload without duplicates', async () => {
		const relay = new MemoryRelay();
		const records = contacts(4 * SEED_CHUNK);
		const db = await firstDeviceDb(records);
		const last = records.at(-1);
		if (!last) throw new Error('no records');
		const renamed = { ...last, name: 'Renamed While Uploading BV' };
		// The save lands while the first chunks are pushed.
		let saved: Promise<void> | undefined;
		const unsubscribe = relay.watch(() => {
			saved ??= contactStore(db).put(renamed.id, renamed, NOW);
		});
		const laptop = await startDevice(relay, 'laptop', { db });
		await new Promise<void>((resolve) => {
			const stop = laptop.runtime.engine.subscribe(() => {
				if (!saved) return;
				queueMicrotask(() => stop());
				resolve();
			});
		});
		unsubscribe();
		await saved;
		// Stopped mid-way (a closed tab), then started again on the same database.
		await laptop.runtime.stop();
		const again = await startDevice(relay, 'laptop-again', { db });
		open.push(again);
		await settle([again], relay);

		// One seeded row per record; the renamed one may also have its save's row.
		const rowsPerDoc = new Map<string, number>();
		for (const row of relay.log) rowsPerDoc.set(row.docId, (rowsPerDoc.get(row.docId) ?? 0) + 1);
		expect(rowsPerDoc.size).toBe(records.length);
		rowsPerDoc.delete(renamed.id);
		expect([...rowsPerDoc.values()].every((rows) => rows === 1)).toBe(true);
		expect(again.runtime.engine.status).toMatchObject({ pending: 0, error: null });
		const phone = await startDevice(relay, 'phone');
		open.push(phone);
		await settle([phone], relay);
		const store = contactStore(phone.db);
		expect(await store.get(renamed.id)).toEqual(renamed);
		expect(await store.get(records[0]?.id ?? '')).toEqual(records[0]);
		expect(await phone.db.contacts.count()).toBe(records.length);
	});
});

describe('a start of a device whose last walk found every doc', () => {
	const fastArgon = { memoryKiB: 8192, iterations: 1, parallelism: 1 };

	/** A device that turned sync on over `records`, uploaded them and stopped; the relay holds them. */
	async function startedAndStopped(relay: MemoryRelay, records: readonly Contact[]) {
		const db = await firstDeviceDb(records);
		const first = await startDevice(relay, 'laptop', { db });
		await settle([first], relay);
		await first.runtime.stop();
		expect(relay.head).toBe(records.length);
		expect(await everyRecordHasDoc(db)).toBe(true);
		return db;
	}

	/** Starts sync again on `db`: what it seeds reaches the relay. */
	async function restart(relay: MemoryRelay, db: BillfoldDb): Promise<TestDevice> {
		const again = await startDevice(relay, 'laptop-again', { db });
		open.push(again);
		await settle([again], relay);
		return again;
	}

	it('takes no cursor step over the records or their docs', async () => {
		const relay = new MemoryRelay();
		const db = await startedAndStopped(relay, contacts(3 * LOOKUPS));
		const steps = vi.spyOn(IDBCursor.prototype, 'continue');
		try {
			const again = await startDevice(relay, 'laptop-again', { db });
			open.push(again);
			expect(steps).not.toHaveBeenCalled();
		} finally {
			steps.mockRestore();
		}
	});

	it('seeds the records written while sync was off', async () => {
		const relay = new MemoryRelay();
		const records = contacts(3 * LOOKUPS);
		const db = await startedAndStopped(relay, records.slice(0, 2 * LOOKUPS));
		await forgetSyncSetup(db);
		await writeWithoutSync(db, records.slice(2 * LOOKUPS));
		expect(await everyRecordHasDoc(db)).toBe(false);
		await restart(relay, db);
		expect(relay.head).toBe(records.length);
		expect(await docRecords(db)).toEqual(new Map(records.map((c) => [c.id, c])));
		expect(await everyRecordHasDoc(db)).toBe(true);
	});

	it('seeds the records a backup restored', async () => {
		const relay = new MemoryRelay();
		const records = contacts(3 * LOOKUPS);
		const source = openDb(`seed-docs-${counter++}`);
		await writeWithoutSync(source, records);
		const file = await exportBackup(source, 'kiwi banana orchard', NOW, fastArgon);
		source.close();
		await source.delete();
		const db = await startedAndStopped(relay, records.slice(0, LOOKUPS));
		await forgetSyncSetup(db);
		await restoreBackup(db, file, 'kiwi banana orchard');
		await restart(relay, db);
		expect(relay.head).toBe(records.length);
		expect(await docRecords(db)).toEqual(new Map(records.map((c) => [c.id, c])));
	});

	it('a write with sync off in the middle of a walk leaves it incomplete, and the next start seeds it', async () => {
		const records = contacts(3);
		const db = await firstDeviceDb(records.slice(0, 2));
		const listKeys = IDBObjectStore.prototype.getAllKeys;
		let written: Promise<void> | undefined;
		IDBObjectStore.prototype.getAllKeys = function (this: IDBObjectStore, ...args) {
			// Queued behind the walk's listing of the contacts, so the walk does not see the record.
			if (this.name === 'contacts' && !written) {
				written = Dexie.ignoreTransaction(() => writeWithoutSync(db, records.slice(2)));
			}
			return listKeys.apply(this, args);
		};
		try {
			expect(await seedMissingDocs(db, NOW)).toBe(2);
			expect(written).toBeDefined();
			await written;
			expect(await db.contacts.count()).toBe(3);
			expect(await everyRecordHasDoc(db)).toBe(false);
		} finally {
			IDBObjectStore.prototype.getAllKeys = listKeys;
		}
		try {
			expect(await seedMissingDocs(db, NOW)).toBe(1);
			expect(await docRecords(db)).toEqual(new Map(records.map((c) => [c.id, c])));
			expect(await everyRecordHasDoc(db)).toBe(true);
		} finally {
			db.close();
			await db.delete();
		}
	});

	it('does not count a walk complete when a write bypassed the capture or another walk began meanwhile', async () => {
		const records = contacts(2);
		const db = await firstDeviceDb(records.slice(0, 1));
		try {
			const walk = await beginSeedingWalk(db);
			await writeWithoutSync(db, records.slice(1));
			await finishSeedingWalk(db, walk);
			expect(await everyRecordHasDoc(db)).toBe(false);
			const older = await beginSeedingWalk(db);
			const newer = await beginSeedingWalk(db);
			await finishSeedingWalk(db, older);
			expect(await everyRecordHasDoc(db)).toBe(false);
			await finishSeedingWalk(db, newer);
			expect(await everyRecordHasDoc(db)).toBe(true);
		} finally {
			db.close();
			await db.delete();
		}
	});
});
