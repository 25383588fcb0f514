import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type BillfoldDb, type DocUpdateRow } from '$lib/storage';
import { readRunCensus } from './run-census';

let db: BillfoldDb;
let counter = 0;

beforeEach(() => {
	db = openDb(`run-census-${counter++}`);
});

afterEach(async () => {
	db.close();
	await db.delete();
});

const docId = (i: number) => `doc-${String(i).padStart(5, '0')}`;

function rows(doc: string, count: number, first = 0): DocUpdateRow[] {
	return Array.from({ length: count }, (_, index) => index + first).map((i) => ({
		docId: doc,
		table: 'contacts',
		update: new Uint8Array([i]),
		clientId: `${doc}-${i}`,
		origin: 'local',
		pending: 1
	}));
}

const census = (touched: string[], compactAfterRows: number) =>
	db.transaction('r', db.docUpdates, db.syncMeta, () =>
		readRunCensus(db, touched, compactAfterRows)
	);

describe('the census at the end of a sync run', () => {
	it('counts no doc one by one when the touched docs’ key range holds too few rows to compact', async () => {
		// A first upload's run: 50 one-row docs in a row, in a log of 300 rows.
		await db.docUpdates.bulkAdd(Array.from({ length: 300 }, (_, i) => rows(docId(i), 1)).flat());
		const touched = Array.from({ length: 50 }, (_, i) => docId(100 + i));
		const result = await census(touched, 10);
		expect(result.pending).toBe(300);
		expect(result.rowsPerDoc.size).toBe(0);
		expect(result.counted).toEqual(new Set(touched));
	});

	it('still counts a touched doc that has grown past the limit', async () => {
		await db.docUpdates.bulkAdd(Array.from({ length: 300 }, (_, i) => rows(docId(i), 1)).flat());
		await db.docUpdates.bulkAdd(rows(docId(120), 12, 1));
		const touched = Array.from({ length: 50 }, (_, i) => docId(100 + i));
		const result = await census(touched, 10);
		expect(result.rowsPerDoc.get(docId(120))).toBe(13);
		expect(result.rowsPerDoc.get(docId(100))).toBe(1);
	});
});
