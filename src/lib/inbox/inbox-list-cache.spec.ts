import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inApplyingTransaction } from '$lib/storage/change-capture';
import { openDb, type BillfoldDb } from '$lib/storage';
import { buildReceivedDocument } from '../../../tests/factories';
import { testDatabases } from '../../../tests/factories/test-databases';
import { allPurchaseStatuses, purchaseStatusStore } from './document-status';
import { purchaseListRows, purchaseTotals } from './inbox-list';
import {
	packPurchaseList,
	readPurchaseList,
	unpackPurchaseList,
	writePurchaseListCache
} from './inbox-list-cache';

const databases = testDatabases('purchase-list-cache');
const now = '2026-03-10T09:00:00.000Z';
let property = 0;

/** The list as the tables say, without the cache: what every cached read must equal. */
async function fromTables(db: BillfoldDb) {
	const [rows, statuses] = await Promise.all([db.purchases.toArray(), allPurchaseStatuses(db)]);
	return purchaseListRows(rows, statuses);
}

/** Reads the list once (from the tables) and packs it, as the list's first load does. */
async function cacheNow(db: BillfoldDb): Promise<void> {
	const list = await readPurchaseList(db);
	expect(await writePurchaseListCache(db, list.rows, list.stamp)).toBe(true);
	expect((await readPurchaseList(db)).cached).toBe(true);
}

async function seeded() {
	const { db } = databases.open();
	const invoice = buildReceivedDocument({ number: 'F-100', payableCents: 50_000 });
	const other = buildReceivedDocument({ number: 'F-101', payableCents: 20_000 });
	const refused = buildReceivedDocument(null);
	await db.purchases.bulkPut([invoice, other, refused]);
	await purchaseStatusStore(db).put(other.id, { status: 'to-pay' }, now);
	await cacheNow(db);
	return { db, invoice, other, refused };
}

/** After a change: the next read is not the cache, equals the tables, and the cache is rewritten. */
async function expectRebuilt(db: BillfoldDb) {
	const list = await readPurchaseList(db);
	expect(list.cached).toBe(false);
	expect(list.rows).toEqual(await fromTables(db));
	expect(await writePurchaseListCache(db, list.rows, list.stamp)).toBe(true);
	const again = await readPurchaseList(db);
	expect(again.cached).toBe(true);
	expect(again.rows).toEqual(list.rows);
	return list.rows;
}

describe('purchase list cache: packing', () => {
	it('gives every field back, a refused document and a credit note link included', () => {
		const invoice = buildReceivedDocument({ number: 'F-1', payableCents: 10_000 });
		const credit = buildReceivedDocument({
			kind: 'credit-note',
			number: 'CN-1',
			payableCents: 2_500,
			corrects: ['F-1']
		});
		const rows = purchaseListRows(
			[invoice, credit, buildReceivedDocument(null)],
			new Map([[invoice.id, { status: 'paid', paidOn: '2026-03-04' }]])
		);
		expect(rows.some((row) => row.kind === undefined)).toBe(true);
		expect(rows.some((row) => row.correctsId === invoice.id)).toBe(true);
		expect(unpackPurchaseList(packPurchaseList(rows))).toEqual(rows);
	});

	it('reads a cache of another format, or not a cache, as none', () => {
		const packed = JSON.parse(packPurchaseList([])) as { format: number };
		expect(unpackPurchaseList(JSON.stringify({ ...packed, format: 0 }))).toBeUndefined();
		expect(unpackPurchaseList('{"format":1,"strings":{"id":["a"]}}')).toBeUndefined();
		expect(unpackPurchaseList('not json')).toBeUndefined();
	});
});

describe('purchase list cache: kept true', () => {
	it('is read instead of the tables once written, equal to them', async () => {
		const { db } = await seeded();
		const list = await readPurchaseList(db);
		expect(list.cached).toBe(true);
		expect(list.rows).toEqual(await fromTables(db));
	});

	it('is not used once a received document arrives', async () => {
		const { db } = await seeded();
		const arrived = buildReceivedDocument({ number: 'F-102', issueDate: '2026-03-09' });
		await db.transaction('rw', db.purchases, db.purchaseFiles, async () => {
			await db.purchases.put(arrived);
		});
		const rows = await expectRebuilt(db);
		expect(rows[0]?.id).toBe(arrived.id);
	});

	it('is not used once a status is set on this device (paid, with its day)', async () => {
		const { db, invoice } = await seeded();
		await purchaseStatusStore(db).put(invoice.id, { status: 'paid', paidOn: '2026-03-09' }, now);
		const rows = await expectRebuilt(db);
		expect(rows.find((row) => row.id === invoice.id)).toMatchObject({
			status: 'paid',
			paidOn: '2026-03-09'
		});
		expect(purchaseTotals(rows).byCurrency[0]?.openCents).toBe(20_000);
	});

	it('is not used once a status arrives by sync, even one stamped earlier by a clock behind', async () => {
		const { db, other } = await seeded();
		const current = await db.purchaseStates.get(other.id);
		if (!current) throw new Error('the seeded status is missing');
		await inApplyingTransaction(db, 'all', async () => {
			await db.purchaseStates.put({
				...current,
				data: { status: 'disputed' },
				updatedAt: '2020-01-01T00:00:00.000Z'
			});
		});
		const rows = await expectRebuilt(db);
		expect(rows.find((row) => row.id === other.id)?.status).toBe('disputed');
	});

	it('is not used once a credit note arrives for a listed invoice, whose balance then drops', async () => {
		const { db, invoice } = await seeded();
		await db.purchases.put(
			buildReceivedDocument({
				kind: 'credit-note',
				number: 'CN-9',
				payableCents: 5_000,
				corrects: ['F-100']
			})
		);
		const rows = await expectRebuilt(db);
		expect(rows.find((row) => row.id === invoice.id)?.balanceCents).toBe(45_000);
	});

	it('is not used once the official rules add their findings to a document', async () => {
		const { db, invoice } = await seeded();
		await db.purchases.update(invoice.id, { findingCounts: { fatal: 2, warnings: 1 } });
		const rows = await expectRebuilt(db);
		expect(rows.find((row) => row.id === invoice.id)?.fatalFindings).toBe(2);
	});

	it('is not used once documents or statuses are deleted (retention), one by one or all', async () => {
		const { db, invoice, other } = await seeded();
		await db.purchases.delete(invoice.id);
		expect((await expectRebuilt(db)).map((row) => row.id)).not.toContain(invoice.id);
		await db.purchaseStates.delete(other.id);
		expect((await expectRebuilt(db)).find((row) => row.id === other.id)?.status).toBe('new');
		await db.purchases.clear();
		expect(await expectRebuilt(db)).toEqual([]);
	});

	it('is not written from rows read before a later change', async () => {
		const { db, invoice } = await seeded();
		await db.purchases.update(invoice.id, { problem: 'first' });
		const before = await readPurchaseList(db);
		await purchaseStatusStore(db).put(invoice.id, { status: 'disputed' }, now);
		expect(await writePurchaseListCache(db, before.rows, before.stamp)).toBe(false);
		await expectRebuilt(db);
	});

	it('equals the tables after any sequence of arrivals, statuses, findings and deletions', async () => {
		const operation = fc.oneof(
			fc.record({
				op: fc.constant('arrive' as const),
				credit: fc.boolean(),
				cents: fc.nat(90_000)
			}),
			fc.record({
				op: fc.constant('status' as const),
				pick: fc.nat(),
				status: fc.constantFrom('to-pay' as const, 'disputed' as const, 'paid' as const)
			}),
			fc.record({ op: fc.constant('findings' as const), pick: fc.nat(), fatal: fc.nat(3) }),
			fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
			fc.record({ op: fc.constant('load' as const) })
		);
		await fc.assert(
			fc.asyncProperty(fc.array(operation, { maxLength: 12 }), async (operations) => {
				const db = openDb(`purchase-list-cache-property-${++property}`);
				try {
					for (const step of operations) {
						const ids = (await db.purchases.toCollection().primaryKeys()).sort();
						const id = 'pick' in step ? ids[step.pick % Math.max(ids.length, 1)] : undefined;
						if (step.op === 'arrive') {
							const numbers = (await db.purchases.toArray()).map((row) => row.summary?.number);
							await db.purchases.put(
								buildReceivedDocument(
									step.credit
										? {
												kind: 'credit-note',
												payableCents: step.cents,
												corrects: numbers.slice(-1) as string[]
											}
										: { payableCents: step.cents }
								)
							);
						} else if (step.op === 'status' && id) {
							await purchaseStatusStore(db).put(
								id,
								step.status === 'paid'
									? { status: 'paid', paidOn: '2026-03-09' }
									: { status: step.status },
								now
							);
						} else if (step.op === 'findings' && id) {
							await db.purchases.update(id, { findingCounts: { fatal: step.fatal, warnings: 0 } });
						} else if (step.op === 'delete' && id) {
							await db.purchases.delete(id);
						} else if (step.op === 'load') {
							const list = await readPurchaseList(db);
							if (!list.cached) await writePurchaseListCache(db, list.rows, list.stamp);
						}
						const shown = (await readPurchaseList(db)).rows;
						const truth = await fromTables(db);
						expect(shown).toEqual(truth);
						expect(purchaseTotals(shown)).toEqual(purchaseTotals(truth));
					}
				} finally {
					db.close();
					await db.delete();
				}
			}),
			{ numRuns: 25 }
		);
	});
});
