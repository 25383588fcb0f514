import Dexie from 'dexie';
import type { BillfoldDb } from './db';
import type { StoredRow } from './projections';
import type {
	DocUpdateRow,
	SyncedTable,
	SyncIssueRow,
	SyncMetaRow,
	UnprojectedRow
} from './records';

/**
 * The sync bookkeeping of synced records: Yjs update rows, sync cursor and issues. Sync calls
 * these inside `inApplyingTransaction` so an update row, the projection it produced and the
 * cursor are committed together or not at all.
 */
/** Rows of one doc in local order, optionally only those after a local seq already applied. */
export function docRows(db: BillfoldDb, docId: string, afterSeq = 0): Promise<DocUpdateRow[]> {
	return db.docUpdates
		.where('[docId+seq]')
		.between([docId, afterSeq], [docId, Dexie.maxKey], false, true)
		.toArray();
}

export async function appendDocUpdates(
	db: BillfoldDb,
	rows: readonly DocUpdateRow[]
): Promise<number[]> {
	if (rows.length === 0) return [];
	const keys = await db.docUpdates.bulkAdd(rows as DocUpdateRow[], { allKeys: true });
	return keys.map(Number);
}

/** Replaces some rows of a doc by one merged row (local compaction). */
export async function replaceDocRows(
	db: BillfoldDb,
	removeSeqs: readonly number[],
	merged: DocUpdateRow
): Promise<number> {
	if (removeSeqs.length > 0) await db.docUpdates.bulkDelete(removeSeqs as number[]);
	return Number(await db.docUpdates.add(merged));
}

export function countDocRows(db: BillfoldDb, docId: string): Promise<number> {
	return db.docUpdates.where('docId').equals(docId).count();
}

/**
 * Local rows the relay has not acknowledged yet, oldest first, with a local key above
 * `after.key` (the last row of the batch in flight; at most `after.rows` pending rows sit at or
 * below it). By key, not by a count to skip: another tab that stores the acknowledgement of rows
 * in flight would make a count skip rows that were never pushed. The keys come from one read of
 * the index and the rows from one read of their key range (see docUpdatesByKeys): `offset` would
 * walk a cursor, one round trip to IndexedDB per row skipped and read, which cost an upload's
 * batch of 500 about a second.
 */
export function pendingDocUpdates(
	db: BillfoldDb,
	limit: number,
	after: { key: number; rows: number } = { key: 0, rows: 0 }
): Promise<DocUpdateRow[]> {
	return db.transaction('r', db.docUpdates, async () => {
		const pendingKeys = (bound?: number) => {
			const keys = db.docUpdates.where('pending').equals(1);
			return (bound === undefined ? keys : keys.limit(bound)).primaryKeys();
		};
		const bound = after.rows + limit;
		let keys = await pendingKeys(bound);
		let wanted = keys.filter((key): key is number => key !== undefined && key > after.key);
		// More pending rows at or below the key than the batch in flight holds (not what a push
		// leaves): read every pending key rather than stop short.
		if (wanted.length < limit && keys.length === bound) {
			keys = await pendingKeys();
			wanted = keys.filter((key): key is number => key !== undefined && key > after.key);
		}
		const rows = await docUpdatesByKeys(db, wanted.slice(0, limit));
		return rows.filter((row): row is DocUpdateRow => row?.pending === 1);
	});
}

/**
 * The rows with these local keys, in the same order (undefined where a row is gone), in the
 * caller's transaction. Keys of one batch are mostly consecutive, so when their range holds few
 * other rows one read of the range replaces a lookup per key.
 */
export async function docUpdatesByKeys(
	db: BillfoldDb,
	keys: readonly number[]
): Promise<(DocUpdateRow | undefined)[]> {
	if (keys.length < RANGE_LOOKUP_MIN) return db.docUpdates.bulkGet([...keys]);
	const lowest = Math.min(...keys);
	const highest = Math.max(...keys);
	if (highest - lowest + 1 > keys.length * 2) return db.docUpdates.bulkGet([...keys]);
	const rows = await db.docUpdates.where('seq').between(lowest, highest, true, true).toArray();
	const byKey = new Map(rows.map((row) => [row.seq, row]));
	return keys.map((key) => byKey.get(key));
}

export function countPendingDocUpdates(db: BillfoldDb): Promise<number> {
	return db.docUpdates.where('pending').equals(1).count();
}

/** From this many client ids on, a range read is tried before one lookup per id. */
const RANGE_LOOKUP_MIN = 32;

/**
 * The rows with these client ids (a unique index), in one read transaction (or the caller's).
 * Client ids are uuidv7, ordered by time, so the rows between a page's lowest and highest id are
 * mostly that page's own: for many ids, one count and one read of that range replace a lookup each
 * (a thousand lookups cost a new device's bootstrap a fifth of its main thread). When the range
 * holds many other rows (an old clock), one lookup each, all issued at once: `anyOf` would walk a
 * cursor with one round trip per key.
 */
export async function rowsByClientId(
	db: BillfoldDb,
	clientIds: readonly string[]
): Promise<Map<string, DocUpdateRow>> {
	if (clientIds.length === 0) return new Map();
	const unique = [...new Set(clientIds)].sort();
	const lowest = unique[0] ?? '';
	const highest = unique.at(-1) ?? '';
	const found = await db.transaction('r', db.docUpdates, async () => {
		if (unique.length >= RANGE_LOOKUP_MIN) {
			const range = db.docUpdates.where('clientId').between(lowest, highest, true, true);
			if ((await range.count()) <= unique.length * 2) return range.toArray();
		}
		return Promise.all(unique.map((clientId) => db.docUpdates.get({ clientId })));
	});
	const wanted = new Set(unique);
	const byClientId = new Map<string, DocUpdateRow>();
	for (const row of found) if (row && wanted.has(row.clientId)) byClientId.set(row.clientId, row);
	return byClientId;
}

/** Marks pushed rows as acknowledged with the sequence number the relay gave them. */
export async function acknowledgeDocUpdates(
	db: BillfoldDb,
	acks: readonly { clientId: string; remoteSeq: number }[]
): Promise<void> {
	if (acks.length === 0) return;
	await db.transaction('rw', db.docUpdates, async () => {
		const rows = await rowsByClientId(
			db,
			acks.map((ack) => ack.clientId)
		);
		const changed: DocUpdateRow[] = [];
		for (const { clientId, remoteSeq } of acks) {
			const row = rows.get(clientId);
			if (!row || (row.pending === undefined && row.remoteSeq === remoteSeq)) continue;
			const acknowledged: DocUpdateRow = { ...row, remoteSeq };
			delete acknowledged.pending;
			changed.push(acknowledged);
		}
		if (changed.length > 0) await db.docUpdates.bulkPut(changed);
	});
}

function projectionTable(db: BillfoldDb, table: SyncedTable): Dexie.Table<StoredRow, string> {
	return db.table<StoredRow, string>(table);
}

export async function readProjectionRow(
	db: BillfoldDb,
	table: SyncedTable,
	id: string
): Promise<StoredRow | undefined> {
	return projectionTable(db, table).get(id);
}

export async function writeProjectionRow(
	db: BillfoldDb,
	table: SyncedTable,
	row: StoredRow
): Promise<void> {
	await projectionTable(db, table).put(row);
}

export async function deleteProjectionRow(
	db: BillfoldDb,
	table: SyncedTable,
	id: string
): Promise<void> {
	await projectionTable(db, table).delete(id);
}

export function allProjectionRows(db: BillfoldDb, table: SyncedTable): Promise<StoredRow[]> {
	return projectionTable(db, table).toArray();
}

export async function readSyncMeta<T>(db: BillfoldDb, key: string): Promise<T | undefined> {
	const row = await db.syncMeta.get(key);
	return row?.value as T | undefined;
}

export async function writeSyncMeta(db: BillfoldDb, key: string, value: unknown): Promise<void> {
	await db.syncMeta.put({ key, value } satisfies SyncMetaRow);
}

export async function deleteSyncMeta(db: BillfoldDb, key: string): Promise<void> {
	await db.syncMeta.delete(key);
}

export async function addSyncIssues(
	db: BillfoldDb,
	issues: readonly SyncIssueRow[]
): Promise<void> {
	if (issues.length > 0) await db.syncIssues.bulkAdd(issues as SyncIssueRow[]);
}

export function listSyncIssues(db: BillfoldDb): Promise<SyncIssueRow[]> {
	return db.syncIssues.orderBy('detectedAt').reverse().toArray();
}

export async function dismissSyncIssue(db: BillfoldDb, id: number): Promise<void> {
	await db.syncIssues.delete(id);
}

export async function markUnprojected(
	db: BillfoldDb,
	rows: readonly UnprojectedRow[]
): Promise<void> {
	if (rows.length > 0) await db.unprojected.bulkPut(rows as UnprojectedRow[]);
}

export function unprojectedDocs(db: BillfoldDb, table: SyncedTable): Promise<UnprojectedRow[]> {
	return db.unprojected.where('table').equals(table).toArray();
}

export async function clearUnprojected(db: BillfoldDb, docIds: readonly string[]): Promise<void> {
	if (docIds.length === 0) return;
	await db.unprojected.bulkDelete(docIds as string[]);
}
