import type { BillfoldDb } from '$lib/storage';
import {
	packColumns,
	readPackedList,
	unpackColumns,
	writePackedList,
	type ColumnSpec
} from '$lib/storage/packed-list-cache';
import { readStamp } from '$lib/storage/table-stamps';
import { allPurchaseStatuses } from './document-status';
import { purchaseListRows, type PurchaseListRow } from './inbox-list';

/*
 * The purchase list's rows, finished (status, credit notes, balance, order), packed into one
 * string: a reload reads one value instead of 10,000 documents and every status. It is true while
 * the stamps of the documents and the statuses are those it was built from: a document arriving
 * or deleted, its findings, a status set here or by sync on another device, all change a stamp.
 */

const KEY = 'purchases';
const TABLES = ['purchases', 'purchaseStates'] as const;

const COLUMNS: ColumnSpec<PurchaseListRow> = {
	format: 1,
	strings: [
		'id',
		'state',
		'kind',
		'number',
		'supplierName',
		'supplierVat',
		'issueDate',
		'dueDate',
		'currency',
		'status',
		'paidOn',
		'provider',
		'sender',
		'receivedAt',
		'problem',
		'correctsId',
		'text'
	],
	numbers: ['totalCents', 'balanceCents', 'fatalFindings'],
	lists: ['creditNoteIds']
};

export function packPurchaseList(rows: readonly PurchaseListRow[]): string {
	return packColumns(COLUMNS, rows);
}

/** The rows back, or undefined when the text is not a cache this release wrote. */
export function unpackPurchaseList(text: string): PurchaseListRow[] | undefined {
	const columns = unpackColumns(COLUMNS, text);
	if (!columns) return undefined;
	const { string, number, list } = columns;
	const rows: PurchaseListRow[] = new Array(columns.count);
	for (let index = 0; index < columns.count; index++) {
		const kind = string('kind', index);
		const correctsId = string('correctsId', index);
		rows[index] = {
			id: string('id', index),
			state: string('state', index) as PurchaseListRow['state'],
			kind: kind === '' ? undefined : (kind as PurchaseListRow['kind']),
			number: string('number', index),
			supplierName: string('supplierName', index),
			supplierVat: string('supplierVat', index),
			issueDate: string('issueDate', index),
			dueDate: string('dueDate', index),
			currency: string('currency', index),
			totalCents: number('totalCents', index),
			balanceCents: number('balanceCents', index),
			status: string('status', index) as PurchaseListRow['status'],
			paidOn: string('paidOn', index),
			provider: string('provider', index),
			sender: string('sender', index),
			receivedAt: string('receivedAt', index),
			problem: string('problem', index),
			fatalFindings: number('fatalFindings', index),
			creditNoteIds: list('creditNoteIds', index),
			correctsId: correctsId === '' ? undefined : correctsId,
			text: string('text', index)
		};
	}
	return rows;
}

export interface PurchaseList {
	rows: PurchaseListRow[];
	/** The stamps the rows were read at, to write the cache with. */
	stamp: string;
	/** Read from the packed cache (nothing to write back). */
	cached: boolean;
}

/** Every row, newest first: from the packed cache while it is true, else from the tables. */
export async function readPurchaseList(db: BillfoldDb): Promise<PurchaseList> {
	const hit = await db.transaction('r', db.tableStamps, db.invoiceOverviewCache, async () => {
		const [stamp, row] = await Promise.all([readStamp(db, TABLES), readPackedList(db, KEY)]);
		return row?.updatedAt === stamp ? { stamp, packed: row.packed } : undefined;
	});
	const rows = hit && unpackPurchaseList(hit.packed);
	if (hit && rows) return { rows, stamp: hit.stamp, cached: true };
	return db.transaction('r', db.tableStamps, db.purchases, db.purchaseStates, async () => {
		const [stamp, documents, statuses] = await Promise.all([
			readStamp(db, TABLES),
			db.purchases.toArray(),
			allPurchaseStatuses(db)
		]);
		return { rows: purchaseListRows(documents, statuses), stamp, cached: false };
	});
}

/** Packs the rows read at `stamp`, unless a write came since (then they are already stale). */
export async function writePurchaseListCache(
	db: BillfoldDb,
	rows: readonly PurchaseListRow[],
	stamp: string
): Promise<boolean> {
	return db.transaction('rw', db.tableStamps, db.invoiceOverviewCache, async () => {
		if ((await readStamp(db, TABLES)) !== stamp) return false;
		await writePackedList(db, {
			key: KEY,
			updatedAt: stamp,
			count: rows.length,
			packed: packPurchaseList(rows)
		});
		return true;
	});
}
