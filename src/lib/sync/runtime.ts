import {
	addSyncIssues,
	countDocRows,
	docIdsWithRows,
	docRows,
	inApplyingTransaction,
	onProjectionRegistered,
	projectionFor,
	readProjectionRow,
	readSyncMeta,
	setChangeCapture,
	setSyncOnHint,
	syncedTables,
	writeSyncMeta,
	type BillfoldDb,
	type DocUpdateRow,
	type StoredRow,
	type SyncedTable
} from '$lib/storage';
import {
	captureFromProjections,
	createDocCapture,
	PARALLEL_READ_MAX,
	type CommittedChange
} from './doc-capture';
import { registerRecordProjections } from './record-projections';
import { OpenDocs } from './open-docs';
import { projectDoc, projectPending } from './remote-apply';
import { docFromUpdates, readRecord } from './record-doc';
import { SyncEngine, type SyncEngineOptions } from './sync-engine';
import { BOOTSTRAPPED_KEY } from './sync-setup';
import {
	beginSeedingWalk,
	everyRecordHasDoc,
	finishSeedingWalk,
	seedChunk,
	seedChunks
} from './seed-docs';

export interface SyncRuntimeOptions extends SyncEngineOptions {
	/** Called after local saves commit, e.g. to tell other tabs. */
	onLocalChange?: (changes: readonly CommittedChange[]) => void;
}

export interface SyncRuntime {
	engine: SyncEngine;
	docs: OpenDocs;
	/** Turns sync off on this device: no capture, no engine. The data stays. */
	stop(): Promise<void>;
}

/**
 * Starts sync for one database: installs the change capture (every save becomes an update row),
 * catches docs up with records written without it, projects docs that arrived before their table
 * registered, and starts the engine. A device that joins an existing workspace pulls everything
 * first and only then turns its own records into docs, so its defaults never outvote the
 * workspace's data.
 */
export async function startSyncRuntime(options: SyncRuntimeOptions): Promise<SyncRuntime> {
	const { db } = options;
	const clock = options.clock ?? (() => new Date().toISOString());
	registerRecordProjections(db);
	const docs = new OpenDocs(db);
	// The docs this tab's pulls wrote rows for, until the first seeding after a bootstrap: they
	// have docs, so that seeding need not look them up (see seedMissingDocs).
	let pulled: Set<string> | undefined = new Set();
	const engine = new SyncEngine({
		...options,
		onApplied: (docIds) => {
			if (pulled) for (const docId of docIds) pulled.add(docId);
			void docs.refresh(docIds);
			options.onApplied?.(docIds);
		}
	});
	// Changes told in the same turn (a transaction that wrote several synced tables reports each
	// one) become one batch: one refresh of the open docs, one notice to other tabs, one kick.
	let committed: CommittedChange[] = [];
	let stored: DocUpdateRow[] = [];
	let counted = new Map<string, number>();
	const tell = () => {
		const changes = committed;
		const rows = stored;
		const rowsPerDoc = counted;
		committed = [];
		stored = [];
		counted = new Map();
		void docs.refresh(changes.map((change) => change.docId));
		options.onLocalChange?.(changes);
		void engine.pushCommitted(rows, rowsPerDoc);
	};
	setChangeCapture(
		db,
		createDocCapture((changes, rows, rowsPerDoc) => {
			if (committed.length === 0) queueMicrotask(tell);
			committed.push(...changes);
			stored.push(...rows);
			// Transactions commit in order: a later one's count of a doc is the newer.
			for (const [docId, count] of rowsPerDoc) counted.set(docId, count);
		})
	);
	setSyncOnHint(db, true);
	await catchUpDirtyDocs(db, clock());
	const stopProjecting = onProjectionRegistered((table) => void projectPending(db, table, clock()));
	for (const table of syncedTables) {
		if (projectionFor(table)) await projectPending(db, table, clock());
	}
	let unsubscribe: (() => void) | undefined;
	let seeding: Promise<void> = Promise.resolve();
	if (await readSyncMeta<boolean>(db, BOOTSTRAPPED_KEY)) {
		pulled = undefined;
		// Walking every record costs a step per doc on each start; a device whose last walk found
		// every doc, with no capture-bypassing write since, skips it.
		if (!(await everyRecordHasDoc(db))) await seedMissingDocs(db, clock());
	} else {
		unsubscribe = engine.subscribe((status) => {
			if (status.state !== 'synced') return;
			unsubscribe?.();
			seeding = (async () => {
				await writeSyncMeta(db, BOOTSTRAPPED_KEY, true);
				const withRows = pulled ?? new Set<string>();
				pulled = undefined;
				if ((await seedMissingDocs(db, clock(), withRows)) > 0) await engine.syncNow();
			})();
		});
	}
	engine.start();
	return {
		engine: engine,
		docs,
		async stop() {
			unsubscribe?.();
			stopProjecting();
			setChangeCapture(db, undefined);
			docs.closeAll();
			await engine.stop();
			await seeding;
		}
	};
}

/**
 * Makes a doc for every synced record that has none yet (first sync, or a record from a backup),
 * a chunk per transaction. `withRows`: docs the caller knows have rows here (those its pulls
 * wrote), which are not looked up. Why: listing every doc with rows walks a cursor one step per
 * doc (docIdsWithRows), a round trip to IndexedDB's backend each, which after a new device's
 * bootstrap of thousands of invoices found nothing to seed at the cost of a step per invoice.
 * The walk sets the seeded mark (seeded-mark.ts) to its own token before it lists any record and
 * to `complete` at its end if the token is still there: a write that bypassed the capture
 * meanwhile deleted it, and the next start walks again. A start finding `complete` skips it.
 */
export async function seedMissingDocs(
	db: BillfoldDb,
	now: string,
	withRows: ReadonlySet<string> = new Set()
): Promise<number> {
	const walk = await beginSeedingWalk(db);
	const keys = new Map<SyncedTable, string[]>();
	const unknown: string[] = [];
	for (const table of syncedTables) {
		// Keys first: after a bootstrap every record has its doc, and reading them all is wasted.
		const ids = await db.table<StoredRow, string>(table).toCollection().primaryKeys();
		keys.set(table, ids);
		for (const id of ids) if (!withRows.has(id)) unknown.push(id);
	}
	const found = await docsWithRowsAmong(db, unknown);
	const withDocs = { has: (id: string) => withRows.has(id) || found.has(id) };
	let seeded = 0;
	for (const [table, ids] of keys) {
		for (const chunk of seedChunks(table, ids, withDocs)) {
			await seedChunk(db, chunk);
			seeded += chunk.ids.length;
		}
	}
	await catchUpDirtyDocs(db, now);
	await finishSeedingWalk(db, walk);
	return seeded;
}

/**
 * Which of `docIds` have rows here: up to PARALLEL_READ_MAX by a count each, all in one read
 * transaction; more, by one walk over every doc with rows, a step per doc.
 */
async function docsWithRowsAmong(
	db: BillfoldDb,
	docIds: readonly string[]
): Promise<ReadonlySet<string>> {
	if (docIds.length === 0) return new Set();
	if (docIds.length > PARALLEL_READ_MAX) return docIdsWithRows(db);
	// One transaction for all the counts, not one each: they are issued together and answered as
	// one batch instead of queueing as separate transactions.
	const counts = await db.transaction('r', db.docUpdates, () =>
		Promise.all(docIds.map((docId) => countDocRows(db, docId)))
	);
	return new Set(docIds.filter((_, index) => (counts[index] ?? 0) > 0));
}

/** Records a tab saved while sync was on but before it had loaded this runtime. */
async function catchUpDirtyDocs(db: BillfoldDb, now: string): Promise<void> {
	await inApplyingTransaction(db, 'all', async () => {
		const dirty = await db.dirtyDocs.toArray();
		const byTable = new Map<SyncedTable, string[]>();
		for (const row of dirty) byTable.set(row.table, [...(byTable.get(row.table) ?? []), row.docId]);
		for (const [table, docIds] of byTable) {
			const entries = [];
			for (const docId of docIds) {
				entries.push({ docId, row: await readProjectionRow(db, table, docId) });
			}
			const { refused } = await captureFromProjections(db, table, entries);
			for (const { docId, fields } of refused) {
				const rows = await docRows(db, docId);
				const doc = docFromUpdates(rows.map((row) => row.update));
				const projected = projectDoc(
					db,
					table,
					docId,
					readRecord(doc, projectionFor(table)?.freeze),
					now
				);
				doc.destroy();
				if (projected.write) await projected.write;
				await addSyncIssues(db, [
					{
						docId,
						table,
						kind: 'frozen-edit',
						fields: [...fields],
						detail: 'a change to an issued record was written without sync and undone',
						detectedAt: now
					}
				]);
			}
		}
		if (dirty.length > 0) await db.dirtyDocs.bulkDelete(dirty.map((row) => row.docId));
	});
}
