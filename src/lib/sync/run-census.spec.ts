import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildContact } from '../../../tests/factories';
import {
	markDocUpdatesPending,
	openDb,
	writeSyncMeta,
	type BillfoldDb,
	type DocUpdateRow
} from '$lib/storage';
import { spyOnRequests } from '$lib/storage/testing/request-spy';
import { echoes } from '$lib/storage/testing/zone-echoes';
import { readRunCensus } from './run-census';
import type { SyncStatus } from './sync-engine';
import { BOOTSTRAPPED_KEY } from './sync-setup';
import { MemoryRelay } from './testing/memory-relay';
import { settle, startDevice, type TestDevice } from './testing/devices';

let db: BillfoldDb | undefined;
let counter = 0;

afterEach(async () => {
	db?.close();
	await db?.delete();
	db = undefined;
});

function rows(docId: string, count: number): DocUpdateRow[] {
	return Array.from({ length: count }, (_, index) => ({
		docId,
		table: 'contacts' as const,
		update: new Uint8Array([index]),
		clientId: `${docId}-${index}`,
		origin: 'local' as const,
		remoteSeq: index + 1
	}));
}

function census(target: BillfoldDb, touched: string[], compactAfterRows: number) {
	return target.transaction('r', target.docUpdates, target.pendingUpdates, target.syncMeta, () =>
		readRunCensus(target, touched, compactAfterRows)
	);
}

describe('run census', () => {
	it('counts the touched docs without reading the whole log', async () => {
		db = openDb(`census-${counter++}`);
		const calls = spyOnRequests(db);
		const keys = await db.docUpdates.bulkAdd(
			[...rows('big', 8), ...rows('small', 1), ...rows('other', 30)],
			{ allKeys: true }
		);
		// The row of 'small' waits for the relay.
		await markDocUpdatesPending(db, [Number(keys[8])]);
		await db.syncMeta.put({ key: 'cursor', value: 39 });
		calls.length = 0;
		const counted = await census(db, ['big', 'small'], 5);
		expect(counted.rowsPerDoc).toEqual(
			new Map([
				['big', 8],
				['small', 1]
			])
		);
		expect(counted).toMatchObject({ pending: 1, cursor: 39 });
		// A count of the whole log walks every row, on every run: a few saves would cost as much as
		// the log is long.
		expect(calls).not.toContain('count docUpdates issued');
	});

	it('counts each of many touched docs once the log is long enough for one to need compacting', async () => {
		db = openDb(`census-many-${counter++}`);
		const calls = spyOnRequests(db);
		const docIds = Array.from({ length: 20 }, (_, index) => `doc-${index}`);
		await db.docUpdates.bulkAdd([
			...docIds.flatMap((docId) => rows(docId, docId === 'doc-3' ? 8 : 1)),
			...rows('other', 30)
		]);
		calls.length = 0;
		const before = echoes();
		const counted = await census(db, docIds, 5);
		// Read in a plain scope, the census chains Dexie's promises: no zone carried by echoes.
		expect(echoes() - before).toBe(0);
		expect(counted.rowsPerDoc.get('doc-3')).toBe(8);
		expect(counted.rowsPerDoc.get('doc-4')).toBe(1);
		expect(counted.rowsPerDoc.size).toBe(20);
		expect(calls).not.toContain('count docUpdates issued');
	});

	it('counts no doc when the log is too short for any of them to need compacting', async () => {
		db = openDb(`census-first-${counter++}`);
		const calls = spyOnRequests(db);
		// A first sync: every doc touched, one row each.
		const docIds = Array.from({ length: 20 }, (_, index) => `doc-${index}`);
		await db.docUpdates.bulkAdd(docIds.flatMap((docId) => rows(docId, 1)));
		calls.length = 0;
		const before = echoes();
		const counted = await census(db, docIds, 5);
		expect(echoes() - before).toBe(0);
		expect(counted.rowsPerDoc.size).toBe(0);
		expect(calls.filter((call) => call.includes('by [docId+seq]'))).toEqual([]);
	});
});

const NOW = '2026-11-25T10:00:00.000Z';
let open: TestDevice[] = [];

afterEach(async () => {
	await Promise.all(open.map((device) => device.close()));
	open = [];
});

/** The first `synced` status the device announces from now on. */
function nextSynced(device: TestDevice): Promise<SyncStatus> {
	return new Promise((resolve) => {
		let initial = true;
		const unsubscribe = device.runtime.engine.subscribe((status) => {
			// subscribe() replays the current status first: not news.
			if (initial) return;
			if (status.state !== 'synced') return;
			unsubscribe();
			resolve(status);
		});
		initial = false;
	});
}

describe('the census a run reads in its last write', () => {
	it('counts what that write stored: the receiver’s apply and the sender’s acknowledgement report the new cursor and nothing pending', async () => {
		const relay = new MemoryRelay();
		const a = await startDevice(relay, 'a');
		const b = await startDevice(relay, 'b');
		open.push(a, b);
		await settle([a, b], relay);
		for (let i = 0; i < 3; i++) {
			const sent = nextSynced(a);
			const received = nextSynced(b);
			const contact = buildContact({ name: `Census ${i} BV` });
			await a.contacts.put(contact.id, contact, NOW);
			// No settle(): its extra runs would read a census of their own and hide a stale one.
			// B runs only because the poke woke it: its apply's transaction read the census.
			expect(await received).toMatchObject({ cursor: relay.head, pending: 0 });
			expect(await sent).toMatchObject({ cursor: relay.head, pending: 0 });
			expect(await b.contacts.get(contact.id)).toEqual(contact);
		}
	});
});

describe('the rows the capture counted', () => {
	it('spare the census a count per saved doc, and still decide compaction', async () => {
		const relay = new MemoryRelay();
		const own = openDb(`census-saved-${counter++}`);
		// Bootstrapped already, so the start seeds before it returns: a first sync's seeding would
		// look up this device's own records in the background, counts this test does not count.
		await writeSyncMeta(own, BOOTSTRAPPED_KEY, true);
		const calls = spyOnRequests(own);
		const a = await startDevice(relay, 'a', { db: own, compactAfterRows: 3 });
		open.push(a);
		await settle([a], relay);
		const contacts = Array.from({ length: 3 }, (_, i) => buildContact({ name: `Saved ${i} BV` }));
		calls.length = 0;
		// Each save pushed by a run of its own, which ends with a census in its acknowledgement.
		for (const contact of contacts) {
			const sent = nextSynced(a);
			await a.contacts.put(contact.id, contact, NOW);
			expect(await sent).toMatchObject({ cursor: relay.head, pending: 0 });
		}
		// The capture's own read of each doc's rows, and no count of them.
		expect(calls.filter((call) => call.startsWith('count docUpdates'))).toEqual([]);
		// A doc saved past compactAfterRows is compacted on the count the capture told.
		const edited = contacts[0]!;
		for (let i = 0; i < 3; i++) {
			const sent = nextSynced(a);
			await a.contacts.put(edited.id, { ...edited, name: `Edited ${i} BV` }, NOW);
			await sent;
		}
		const rows = await own.docUpdates.where('docId').equals(edited.id).toArray();
		expect(rows.map((row) => row.origin)).toEqual(['merged']);
		expect(calls.filter((call) => call.startsWith('count docUpdates'))).toEqual([]);
	});
});

describe('a pull after a save this tab could not push', () => {
	it('counts the doc again: the pulled rows grew it past compactAfterRows, so it is compacted', async () => {
		const relay = new MemoryRelay();
		const a = await startDevice(relay, 'a', { compactAfterRows: 3 });
		const b = await startDevice(relay, 'b');
		open.push(a, b);
		const contact = buildContact({ name: 'Pulled Past BV' });
		await a.contacts.put(contact.id, contact, NOW);
		await settle([a, b], relay);
		// Saved offline, the push fails: the count the capture told (two rows) outlives the run.
		a.transport.online = false;
		await a.contacts.put(contact.id, { ...contact, name: 'Offline BV' }, NOW);
		await a.runtime.engine.syncNow();
		expect(a.runtime.engine.status.state).toBe('offline');
		for (let i = 0; i < 3; i++) {
			await b.contacts.put(contact.id, { ...contact, name: `From B ${i} BV` }, NOW);
		}
		await settle([b], relay);
		// Back online, A pushes its row and pulls B's three: five rows, more than three.
		a.transport.online = true;
		await settle([a, b], relay);
		const rows = await a.db.docUpdates.where('docId').equals(contact.id).toArray();
		expect(rows.map((row) => row.origin)).toEqual(['merged']);
	});
});
