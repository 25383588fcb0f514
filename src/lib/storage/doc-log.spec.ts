import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { openDb, type BillfoldDb } from './db';
import { docRowsOfMany, docUpdatesByKeys, rowsByClientId } from './doc-log';
import type { DocUpdateRow } from './records';
import { echoes } from './testing/zone-echoes';

let db: BillfoldDb;
let databases = 0;

beforeEach(() => {
	db = openDb(`doc-log-spec-${databases++}`);
});

afterEach(async () => {
	db.close();
	await db.delete();
});

function row(clientId: string, docId = `doc-${clientId}`): DocUpdateRow {
	return { docId, table: 'contacts', update: new Uint8Array([1]), clientId, origin: 'local' };
}

/** Time-ordered ids, like uuidv7 within one page, made deterministic. */
const ids = (prefix: string, count: number) =>
	Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);

describe('rowsByClientId', () => {
	it('finds exactly the stored rows among many ids, in a range shared with other rows', async () => {
		const all = ids('0190aaaa', 200);
		// Every other id is stored; ids outside the page but inside its range are stored too.
		const stored = all.filter((_, i) => i % 2 === 0);
		await db.docUpdates.bulkAdd([...stored.map((id) => row(id)), row('0190aaaa-00010x')]);
		const found = await rowsByClientId(db, all);
		expect([...found.keys()].sort()).toEqual(stored);
		expect(found.get(stored[3] ?? '')?.docId).toBe(`doc-${stored[3]}`);
	});

	it('falls back to one lookup per id when the range holds far more rows (an old clock)', async () => {
		const crowd = ids('0190bbbb', 300);
		await db.docUpdates.bulkAdd(crowd.map((id) => row(id)));
		// The lowest and the highest id are stored; the range between them holds the whole crowd.
		const page = ['0190aaaa-00000', ...ids('0190bbbb-x', 40), '0190cccc-00000'];
		await db.docUpdates.bulkAdd([row('0190aaaa-00000'), row('0190cccc-00000')]);
		const found = await rowsByClientId(db, page);
		expect([...found.keys()].sort()).toEqual(['0190aaaa-00000', '0190cccc-00000']);
	});

	it('answers a few ids and duplicates, and real uuidv7 ids', async () => {
		const real = Array.from({ length: 64 }, () => uuidv7());
		await db.docUpdates.bulkAdd(real.slice(0, 10).map((id) => row(id)));
		const found = await rowsByClientId(db, [...real, ...real.slice(0, 5)]);
		expect([...found.keys()].sort()).toEqual(real.slice(0, 10).sort());
		expect((await rowsByClientId(db, [real[0] ?? '', 'missing-id'])).size).toBe(1);
		expect((await rowsByClientId(db, [])).size).toBe(0);
	});

	it('reads in its own transaction or the caller’s without Dexie carrying its zone through microtask echoes', async () => {
		const all = ids('0190abab', 100);
		await db.docUpdates.bulkAdd(all.map((id) => row(id)));
		const before = echoes();
		// A range read (many ids), a lookup per id (a few), and both inside a caller's scope.
		expect((await rowsByClientId(db, all)).size).toBe(100);
		expect((await rowsByClientId(db, all.slice(0, 3))).size).toBe(3);
		const inScope = await db.transaction('r', db.docUpdates, () =>
			rowsByClientId(db, all.slice(10, 60))
		);
		expect(inScope.size).toBe(50);
		expect(echoes() - before).toBe(0);
	});
});

describe('docUpdatesByKeys', () => {
	it('answers each key in order, undefined where the row is gone, dense or sparse', async () => {
		const keys = (await db.docUpdates.bulkAdd(
			ids('0190eeee', 300).map((id) => row(id)),
			{ allKeys: true }
		)) as number[];
		await db.docUpdates.bulkDelete([keys[5] ?? 0]);
		const dense = keys.slice(0, 50);
		const found = await docUpdatesByKeys(db, dense);
		expect(found.map((r) => r?.seq)).toEqual(dense.map((key, i) => (i === 5 ? undefined : key)));
		// Sparse keys (every tenth row): their range holds far more rows, so each is looked up.
		const sparse = keys.filter((_, i) => i % 10 === 1);
		expect((await docUpdatesByKeys(db, sparse)).map((r) => r?.seq)).toEqual(sparse);
	});

	it('answers a few hundred thousand keys: too many to spread into arguments', async () => {
		const keys = Array.from({ length: 300_000 }, (_, i) => i + 1);
		await db.docUpdates.add(row('0190ffff-only'));
		const found = await docUpdatesByKeys(db, keys);
		expect(found).toHaveLength(keys.length);
		expect(found[0]?.clientId).toBe('0190ffff-only');
		expect(found.filter((r) => r !== undefined)).toHaveLength(1);
	});
});

describe('docRowsOfMany', () => {
	it('answers a bootstrap-sized page as the per-doc reads do: docs in id order, rows in local order', async () => {
		// Rows of 600 docs written round-robin, so each doc's local seqs are far apart and a doc's
		// rows are not neighbours in the primary key; one doc in three has no row at all.
		const docIds = ids('0190dddd', 900);
		const held = docIds.filter((_, i) => i % 3 !== 0);
		await db.docUpdates.bulkAdd(
			[0, 1, 2].flatMap((round) => held.map((docId) => row(`${docId}-${round}`, docId)))
		);
		// Asked in no order, with duplicates, as a pulled page's doc ids come.
		const asked = [...docIds.slice(450), ...docIds.slice(0, 450).reverse(), ...held.slice(0, 7)];
		// What one read per doc would answer, from the whole table in primary-key order.
		const all = await db.docUpdates.toArray();
		const expected = held.flatMap((docId) => all.filter((r) => r.docId === docId));
		const rows = await docRowsOfMany(db, asked);
		expect(rows).toHaveLength(held.length * 3);
		expect(rows).toEqual(expected);
		expect(rows.slice(0, 3).map((r) => r.clientId)).toEqual(
			[0, 1, 2].map((n) => `${held[0]}-${n}`)
		);
		expect(
			await docRowsOfMany(
				db,
				docIds.filter((_, i) => i % 3 === 0)
			)
		).toEqual([]);
		expect(await docRowsOfMany(db, [])).toEqual([]);
	});
});
