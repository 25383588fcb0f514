import { uuidv7 } from 'uuidv7';
import {
	docRows,
	docRowsOfMany,
	markDocUpdatesPending,
	projectionFor,
	type BillfoldDb,
	type CaptureContext,
	type ChangeCapture,
	type DocUpdateRow,
	type StoredRow,
	type SyncedTable
} from '$lib/storage';
import {
	captureUpdate,
	docFromUpdates,
	markDeleted,
	FrozenRecordError,
	writeRecord,
	type JsonObject
} from './record-doc';

export interface CommittedChange {
	docId: string;
	table: SyncedTable;
	update: Uint8Array;
}

/** A change as captured, with how many rows its doc had before it (read in the saving transaction). */
interface CapturedChange extends CommittedChange {
	storedBefore: number;
}

function localRow(docId: string, table: SyncedTable, update: Uint8Array): DocUpdateRow {
	return { docId, table, update, clientId: uuidv7(), origin: 'local' };
}

/**
 * Turns each write of a synced projection table into a Yjs update row, inside the writing
 * transaction: the doc is rebuilt from its rows, the saved record is diffed into it, and the
 * resulting update is appended. `onCommitted` hears about it once the transaction commits, with
 * the rows as stored (their local keys included), so the engine can push them without reading,
 * and with how many rows each changed doc then had (`rowsPerDoc`, counted from the rows the
 * capture read anyway), so the engine's census need not count them again.
 */
export function createDocCapture(
	onCommitted: (
		changes: readonly CommittedChange[],
		rows: readonly DocUpdateRow[],
		rowsPerDoc: ReadonlyMap<string, number>
	) => void
): ChangeCapture {
	async function change(
		context: CaptureContext,
		docId: string,
		edit: (doc: ReturnType<typeof docFromUpdates>) => void
	): Promise<CapturedChange | undefined> {
		const rows = await context.readRows(docId);
		const doc = docFromUpdates(rows.map((row) => row.update));
		try {
			const update = captureUpdate(doc, () => edit(doc));
			return update
				? { docId, table: context.table, update, storedBefore: rows.length }
				: undefined;
		} finally {
			doc.destroy();
		}
	}

	async function record(context: CaptureContext, changes: (CapturedChange | undefined)[]) {
		const captured = changes.filter((entry): entry is CapturedChange => entry !== undefined);
		if (captured.length === 0) return;
		const made = captured.map(({ docId, table, update }): CommittedChange => ({
			docId,
			table,
			update
		}));
		const rowsPerDoc = new Map<string, number>();
		for (const { docId, storedBefore } of captured)
			rowsPerDoc.set(docId, (rowsPerDoc.get(docId) ?? storedBefore) + 1);
		const rows = made.map((entry) => localRow(entry.docId, entry.table, entry.update));
		// Not awaited: the projection write goes to IndexedDB right behind the append, one round
		// trip for both instead of two in every save. The keys are known long before the commit; an
		// append that fails aborts the transaction itself (change-capture.ts), so the projection
		// write fails with it and the save rejects.
		const keys = context.append(rows);
		keys.catch(() => undefined);
		context.afterCommit(() => {
			void keys.then((seqs) =>
				onCommitted(
					made,
					rows.map((row, index) => ({ ...row, seq: seqs[index] })),
					rowsPerDoc
				)
			);
		});
	}

	return {
		async beforePut(context, rows) {
			const rule = projectionFor(context.table)?.freeze;
			const changes = [];
			for (const row of rows) {
				changes.push(
					await change(context, row.id, (doc) =>
						writeRecord(
							doc,
							{
								docId: row.id,
								record: row.data as JsonObject,
								createdAt: row.createdAt,
								updatedAt: row.updatedAt,
								schemaVersion: row.schemaVersion
							},
							rule
						)
					)
				);
			}
			await record(context, changes);
		},
		async beforeDelete(context, ids) {
			const rule = projectionFor(context.table)?.freeze;
			const at = new Date().toISOString();
			const changes = [];
			for (const id of ids) {
				changes.push(await change(context, id, (doc) => markDeleted(doc, id, at, rule)));
			}
			await record(context, changes);
		}
	};
}

/**
 * Up to this many docs, their rows are read (or counted) by one request each, all asked for at
 * once: a few dozen requests issued together cost about one round trip, while a walk over the
 * index costs one per doc it finds.
 */
export const PARALLEL_READ_MAX = 32;

/**
 * The stored rows of many docs in one round trip, each doc's rows in local order. A few docs (a
 * poke's rows) are read by one request each, all issued together; many (a pulled page, a seeding
 * chunk, mostly of docs not here yet) by one cursor over the index, which takes a round trip per
 * doc it finds but only one when it finds none.
 */
export async function storedRowsOf(
	db: BillfoldDb,
	docIds: readonly string[]
): Promise<Map<string, DocUpdateRow[]>> {
	const byDoc = new Map<string, DocUpdateRow[]>();
	if (docIds.length === 0) return byDoc;
	const rows =
		docIds.length <= PARALLEL_READ_MAX
			? (await Promise.all([...new Set(docIds)].map((docId) => docRows(db, docId)))).flat()
			: await docRowsOfMany(db, docIds);
	rows.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
	for (const row of rows) byDoc.set(row.docId, [...(byDoc.get(row.docId) ?? []), row]);
	return byDoc;
}

export interface ProjectionCatchUp {
	made: CommittedChange[];
	/** Docs whose projection changed a frozen field; their projection must be written again. */
	refused: { docId: string; fields: readonly string[] }[];
}

/**
 * Brings docs up to date with projection rows written without the capture: records that existed
 * before sync was turned on, or that a tab wrote before it had loaded the sync runtime. Runs in
 * sync's own transaction, which the capture does not see.
 */
export async function captureFromProjections(
	db: BillfoldDb,
	table: SyncedTable,
	entries: readonly { docId: string; row: StoredRow | undefined }[]
): Promise<ProjectionCatchUp> {
	const rule = projectionFor(table)?.freeze;
	const result: ProjectionCatchUp = { made: [], refused: [] };
	const stored = await storedRowsOf(
		db,
		entries.map((entry) => entry.docId)
	);
	for (const { docId, row } of entries) {
		const rows = stored.get(docId) ?? [];
		if (!row && rows.length === 0) continue;
		const doc = docFromUpdates(rows.map((entry) => entry.update));
		try {
			const update = captureUpdate(doc, () => {
				if (!row) markDeleted(doc, docId, new Date().toISOString(), rule);
				else {
					writeRecord(
						doc,
						{
							docId,
							record: row.data as JsonObject,
							createdAt: row.createdAt,
							updatedAt: row.updatedAt,
							schemaVersion: row.schemaVersion
						},
						rule
					);
				}
			});
			if (update) result.made.push({ docId, table, update });
		} catch (error) {
			if (!(error instanceof FrozenRecordError)) throw error;
			result.refused.push({ docId, fields: error.fields });
		} finally {
			doc.destroy();
		}
	}
	if (result.made.length > 0) {
		const seqs = await db.docUpdates.bulkAdd(
			result.made.map((entry) => localRow(entry.docId, table, entry.update)),
			{ allKeys: true }
		);
		await markDocUpdatesPending(db, seqs.map(Number));
	}
	return result;
}
