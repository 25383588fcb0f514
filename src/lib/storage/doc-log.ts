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

export function countDocRows(db: BillfoldDb, docId: string): Promise<number> {
	return db.docUpdates
		.where('[docId+seq]')
		.between([docId, Dexie.minKey], [docId, Dexie.maxKey], true, true)
		.count();
}

/**
 * The rows of many docs in one read (each doc's rows in local order, the docs in id order): one
 * cursor over `[docId+seq]`, served as `docId` from its prefix (Dexie's virtual index), that
 * jumps from doc to doc, so it costs a round trip per doc it finds and one when it finds none (a
 * page of docs a new device does not hold yet). `anyOf` sorts the ids once; `inAnyRange` with a
 * range per doc would compare each new range with every one before it (Dexie 4.4), quadratic in
 * the docs before the cursor even opens.
 */
export function docRowsOfMany(db: BillfoldDb, docIds: readonly string[]): Promise<DocUpdateRow[]> {
	return db.docUpdates
		.where('docId')
		.anyOf([...docIds])
		.toArray();
}

/**
 * The ids of the docs that have rows here. Dexie serves `docId` from the prefix of `[docId+seq]`
 * (a virtual index): its cursor jumps past each doc's rows, one step per doc, not per row.
 */
export async function docIdsWithRows(db: BillfoldDb): Promise<Set<string>> {
	return new Set((await db.docUpdates.orderBy('docId').uniqueKeys()).map(String));
}

/**
 * The rows with these local keys, in the same order (undefined where a row is gone), in the
 * caller's transaction. Keys of one batch are mostly consecutive, so when their range holds few
 * other rows one read of the range replaces a lookup per key. Dexie's own promise, not an async
 * function's, so that a transaction scope chaining it carries no zone echoes (see
 * RecordStore.writeParsed); a synchronous throw is returned as its rejection, as an async
 * function would.
 */
export function docUpdatesByKeys(
	db: BillfoldDb,
	keys: readonly number[]
): Promise<(DocUpdateRow | undefined)[]> {
	try {
		if (keys.length < RANGE_LOOKUP_MIN) return db.docUpdates.bulkGet([...keys]);
		// A loop, not Math.min(...keys): spreading a few hundred thousand arguments overflows the stack.
		let lowest = Infinity;
		let highest = -Infinity;
		for (const key of keys) {
			lowest = Math.min(lowest, key);
			highest = Math.max(highest, key);
		}
		if (highest - lowest + 1 > keys.length * 2) return db.docUpdates.bulkGet([...keys]);
		return db.docUpdates
			.where('seq')
			.between(lowest, highest, true, true)
			.toArray()
			.then((rows) => {
				const byKey = new Map(rows.map((row) => [row.seq, row]));
				return keys.map((key) => byKey.get(key));
			});
	} catch (error) {
		return Dexie.Promise.reject(error);
	}
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
export function rowsByClientId(
	db: BillfoldDb,
	clientIds: readonly string[]
): Promise<Map<string, DocUpdateRow>> {
	if (clientIds.length === 0) return Dexie.Promise.resolve(new Map());
	const unique = [...new Set(clientIds)].sort();
	const lowest = unique[0] ?? '';
	const highest = unique.at(-1) ?? '';
	const each = () => Dexie.Promise.all(unique.map((clientId) => db.docUpdates.get({ clientId })));
	// Dexie's promises chained, not an async scope: no zone echoes (see RecordStore.writeParsed).
	return db
		.transaction('r', db.docUpdates, (): PromiseLike<(DocUpdateRow | undefined)[]> => {
			if (unique.length < RANGE_LOOKUP_MIN) return each();
			const range = db.docUpdates.where('clientId').between(lowest, highest, true, true);
			return range.count().then((count) => (count <= unique.length * 2 ? range.toArray() : each()));
		})
		.then((found) => {
			const wanted = new Set(unique);
			const byClientId = new Map<string, DocUpdateRow>();
			for (const row of found)
				if (row && wanted.has(row.clientId)) byClientId.set(row.clientId, row);
			return byClientId;
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

/** Dexie's own promise: a transaction scope that chains it carries no zone echoes. */
export function readSyncMeta<T>(db: BillfoldDb, key: string): Promise<T | undefined> {
	return db.syncMeta.get(key).then((row) => row?.value as T | undefined);
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
