import {
	inApplyingTransaction,
	readSyncMeta,
	SEEDED_COMPLETE,
	SEEDED_KEY,
	writeSyncMeta,
	type BillfoldDb,
	type StoredRow,
	type SyncedTable
} from '$lib/storage';
import { toBase64 } from '$lib/bytes';
import { captureFromProjections } from './doc-capture';
import { randomBytes } from './random-bytes';

/** Records turned into docs per transaction. */
export const SEED_CHUNK = 500;

/** Records of a table that have no doc yet, in key order, in chunks of SEED_CHUNK. */
export interface SeedChunk {
	table: SyncedTable;
	ids: string[];
	/** How many of the table's records lie between the chunk's first and last id, both included. */
	spanned: number;
}

/**
 * The chunks to seed for one table: `ids` are all its keys in key order (as IndexedDB returns
 * them), `withDocs` the docs that exist already.
 */
export function seedChunks(
	table: SyncedTable,
	ids: readonly string[],
	withDocs: Pick<ReadonlySet<string>, 'has'>
): SeedChunk[] {
	const missing: number[] = [];
	ids.forEach((id, index) => {
		if (!withDocs.has(id)) missing.push(index);
	});
	const chunks: SeedChunk[] = [];
	for (let start = 0; start < missing.length; start += SEED_CHUNK) {
		const at = missing.slice(start, start + SEED_CHUNK);
		const first = at[0] ?? 0;
		const last = at.at(-1) ?? 0;
		chunks.push({ table, ids: at.map((index) => ids[index] ?? ''), spanned: last - first + 1 });
	}
	return chunks;
}

/**
 * Turns one chunk of records into docs in one transaction over the table, the update rows and
 * their pending markers only, so read-only reads of the other tables go on meanwhile (saves
 * still wait: every save's transaction includes `docUpdates`, which seeding holds). The records
 * are read with one read of their key range when it holds few others (a first sync: none),
 * rather than one request per record, which cost a chunk of 500 invoices about as much as
 * building their docs. A record saved since the chunk was listed already has its doc;
 * captureFromProjections only adds what it lacks.
 */
export async function seedChunk(db: BillfoldDb, chunk: SeedChunk): Promise<number> {
	const { table, ids } = chunk;
	const first = ids[0];
	const last = ids.at(-1);
	if (first === undefined || last === undefined) return 0;
	const store = db.table<StoredRow, string>(table);
	return inApplyingTransaction(db, [table, 'docUpdates', 'pendingUpdates'], async () => {
		let rows: (StoredRow | undefined)[];
		if (chunk.spanned <= ids.length * 2) {
			const wanted = new Set(ids);
			const inRange = await store.where(':id').between(first, last, true, true).toArray();
			rows = inRange.filter((row) => wanted.has(row.id));
		} else {
			rows = await store.bulkGet(ids);
		}
		const entries = rows.flatMap((row) => (row ? [{ docId: row.id, row }] : []));
		const { made } = await captureFromProjections(db, table, entries);
		return made.length;
	});
}

/**
 * Whether a finished walk found every synced record with its doc and no write has bypassed the
 * capture since (see $lib/storage/seeded-mark.ts): then a start need not walk them again.
 */
export async function everyRecordHasDoc(db: BillfoldDb): Promise<boolean> {
	return (await readSyncMeta<string>(db, SEEDED_KEY)) === SEEDED_COMPLETE;
}

/**
 * Marks a walk as begun, before it lists any record; resolves with its token for
 * `finishSeedingWalk`. A write that bypasses the capture from now on deletes the mark.
 */
export async function beginSeedingWalk(db: BillfoldDb): Promise<string> {
	const token = `walking:${toBase64(randomBytes(12))}`;
	await writeSyncMeta(db, SEEDED_KEY, token);
	return token;
}

/**
 * Marks every record as having its doc if the mark is still this walk's own: a bypassing write
 * since deleted it, and a walk begun later (another tab) replaced it and will finish itself.
 */
export async function finishSeedingWalk(db: BillfoldDb, token: string): Promise<void> {
	await db.transaction('rw', db.syncMeta, async () => {
		if ((await readSyncMeta<string>(db, SEEDED_KEY)) === token) {
			await writeSyncMeta(db, SEEDED_KEY, SEEDED_COMPLETE);
		}
	});
}
