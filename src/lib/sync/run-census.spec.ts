import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type BillfoldDb, type DocUpdateRow } from '$lib/storage';
import { spyOnRequests } from '$lib/storage/testing/request-spy';
import { readRunCensus } from './run-census';

let db: BillfoldDb;
let counter = 0;

afterEach(async () => {
	db.close();
	await db.delete();
});

function rows(docId: string, count: number, pending = false): DocUpdateRow[] {
	return Array.from({ length: count }, (_, index) => ({
		docId,
		table: 'contacts' as const,
		update: new Uint8Array([index]),
		clientId: `${docId}-${index}`,
		origin: 'local' as const,
		...(pending ? { pending: 1 as const } : { remoteSeq: index + 1 })
	}));
}

function census(touched: string[], compactAfterRows: number) {
	return db.transaction('r', db.docUpdates, db.syncMeta, () =>
		readRunCensus(db, touched, compactAfterRows)
	);
}

describe('run census', () => {
	it('counts the touched docs without reading the whole log', async () => {
		db = openDb(`census-${counter++}`);
		const calls = spyOnRequests(db);
		await db.docUpdates.bulkAdd([
			...rows('big', 8),
			...rows('small', 1, true),
			...rows('other', 30)
		]);
		await db.syncMeta.put({ key: 'cursor', value: 39 });
		calls.length = 0;
		const counted = await census(['big', 'small'], 5);
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

	it('counts no doc when the log is too short for any of them to need compacting', async () => {
		db = openDb(`census-first-${counter++}`);
		const calls = spyOnRequests(db);
		// A first sync: every doc touched, one row each.
		const docIds = Array.from({ length: 20 }, (_, index) => `doc-${index}`);
		await db.docUpdates.bulkAdd(docIds.flatMap((docId) => rows(docId, 1)));
		calls.length = 0;
		const counted = await census(docIds, 5);
		expect(counted.rowsPerDoc.size).toBe(0);
		expect(calls.filter((call) => call.includes('by docId'))).toEqual([]);
	});
});
