import Dexie, {
	type DBCore,
	type DBCoreMutateRequest,
	type DBCoreTable,
	type Middleware
} from 'dexie';
import type { StoredRow } from './projections';
import { syncedTables, type DocUpdateRow, type SyncedTable } from './records';
import { SEEDED_KEY } from './seeded-mark';

/**
 * Sync records every change of a synced projection table (settings, contacts, items, invoices) as
 * a Yjs update row in the same IndexedDB transaction as the projection write. It does so below
 * Dexie's table API, as a DBCore middleware, so every writer (RecordStore, the invoice store,
 * bulk imports) is covered without knowing about sync: write transactions that touch a synced
 * table are widened to include `docUpdates`, `pendingUpdates` and `dirtyDocs` (and `syncMeta`
 * when neither a capture nor the sync-on hint covers them), and each put or delete is handed to
 * the installed ChangeCapture before it reaches IndexedDB. If the capture throws (an edit of an
 * issued invoice), the whole transaction aborts. Without a capture, a write marks its docs dirty
 * when sync is on, and otherwise deletes the seeded mark (seeded-mark.ts) in its transaction, so
 * the next start of sync walks every record again.
 *
 * This module only moves rows; the Yjs work lives in src/lib/sync, which installs the capture
 * once sync is on (yjs is loaded lazily).
 */
export interface CaptureContext {
	table: SyncedTable;
	/** The doc's update rows, oldest first, read inside the writing transaction. */
	readRows(docId: string): Promise<DocUpdateRow[]>;
	/**
	 * Adds local rows, each marked as waiting for the relay (`pendingUpdates`); resolves with their
	 * local keys (`seq`), in order.
	 */
	append(rows: readonly DocUpdateRow[]): Promise<number[]>;
	/** Runs once the writing transaction has committed (never if it aborts). */
	afterCommit(callback: () => void): void;
}

export interface ChangeCapture {
	beforePut(context: CaptureContext, rows: readonly StoredRow[]): Promise<void>;
	beforeDelete(context: CaptureContext, ids: readonly string[]): Promise<void>;
}

interface CaptureState {
	capture: ChangeCapture | undefined;
	/** Sync is on but this tab has not loaded the capture yet: remember which docs changed. */
	markDirty: boolean;
	/** Transactions that apply remote changes; their writes are not captured again. */
	applying: WeakSet<object>;
}

const states = new WeakMap<Dexie, CaptureState>();
const hintKey = (name: string) => `billfold:sync-on:${name}`;

function readHint(name: string): boolean {
	try {
		return globalThis.localStorage?.getItem(hintKey(name)) === '1';
	} catch {
		return false;
	}
}

function stateOf(db: Dexie): CaptureState {
	let state = states.get(db);
	if (!state) {
		state = { capture: undefined, markDirty: readHint(db.name), applying: new WeakSet() };
		states.set(db, state);
	}
	return state;
}

export function setChangeCapture(db: Dexie, capture: ChangeCapture | undefined): void {
	stateOf(db).capture = capture;
}

/**
 * Remembers synchronously (localStorage) that sync is on, so a tab that writes before it has
 * loaded the sync runtime still marks what it changed; the runtime catches those docs up.
 */
export function setSyncOnHint(db: Dexie, on: boolean): void {
	stateOf(db).markDirty = on;
	try {
		if (on) globalThis.localStorage?.setItem(hintKey(db.name), '1');
		else globalThis.localStorage?.removeItem(hintKey(db.name));
	} catch {
		// Private mode without storage: the in-memory flag still covers this tab.
	}
}

/**
 * Runs `work` in a write transaction over `tables` (or every table) whose writes are not
 * captured. A narrow scope lets saves of the other tables run meanwhile instead of queueing.
 */
export function inApplyingTransaction<T>(
	db: Dexie,
	tables: readonly string[] | 'all',
	work: () => Promise<T>
): Promise<T> {
	return db.transaction('rw', tables === 'all' ? db.tables : [...tables], () => {
		const trans = Dexie.currentTransaction?.idbtrans;
		if (trans) stateOf(db).applying.add(trans);
		return work();
	});
}

const captured = new Set<string>(syncedTables);
/**
 * Reads of a doc's update rows started early, by transaction and doc id: a save reads the record
 * it replaces (RecordStore.put keeps its `createdAt`) and then writes it, and the capture of that
 * write needs the doc's rows. Asked for together with the record, they cost the save no round trip
 * of their own. Each is used once, by the next capture of that doc in that transaction. The rows
 * only change through a capture's append, which drops the doc's pending early read: one issued
 * before the append (a get while another save of the doc computes) would miss that update.
 *
 * So every read-write `get` of a synced table while the capture is installed also queries the
 * `docUpdates` docId index, even when nothing is written after it. That is acceptable: it is
 * issued next to the get, costs no round trip of its own, and a read-write get is almost always a
 * save's read of the record it replaces; plain reads run read-only and issue none.
 */
const earlyRows = new WeakMap<object, Map<string, Promise<DocUpdateRow[]>>>();
const extraStores = ['docUpdates', 'pendingUpdates', 'dirtyDocs'];
/**
 * Transactions that already deleted the seeded mark (seeded-mark.ts): once is enough. A write
 * that no capture turns into an update row and no dirty marker names (sync off or paused, a
 * backup restore, an import before sync) may leave a record without a doc, so the next start of
 * sync must walk every record again.
 */
const unmarked = new WeakSet<object>();
/**
 * Why a transaction was aborted by a failed deletion of the seeded mark. The abort makes the
 * write fail with a bare AbortError; the write reports this cause instead.
 */
const unmarkFailures = new WeakMap<object, unknown>();
/** Every key of `[docId+seq]` for one doc: IndexedDB orders any number between these two. */
const docRange = (docId: string) =>
	({
		type: 2,
		lower: [docId, Dexie.minKey],
		lowerOpen: false,
		upper: [docId, Dexie.maxKey],
		upperOpen: false
	}) as const;

function keysOf(request: DBCoreMutateRequest): unknown[] {
	return request.type === 'delete' ? request.keys : [];
}

export const changeCaptureMiddleware = (db: Dexie): Middleware<DBCore> => ({
	stack: 'dbcore',
	name: 'billfold-change-capture',
	// Right above IndexedDB, below Dexie's own layers: those expect their zone, which an await loses.
	level: -10,
	create(down) {
		const updates = () => down.table('docUpdates');
		const markers = () => down.table('pendingUpdates');
		const dirty = () => down.table('dirtyDocs');
		return {
			...down,
			transaction(stores, mode, options) {
				// Without a capture or a dirty marker a write has to delete the seeded mark, in
				// `syncMeta`. Left out otherwise: a write whose capture goes or whose sync-on hint drops
				// mid-transaction finds no `syncMeta` in scope and marks its docs dirty instead.
				const state = stateOf(db);
				const extra = state.capture || state.markDirty ? extraStores : [...extraStores, 'syncMeta'];
				const widened =
					mode === 'readwrite' && stores.some((name) => captured.has(name))
						? [...new Set([...stores, ...extra])]
						: stores;
				return down.transaction(widened, mode, options);
			},
			table(name) {
				const table = down.table(name);
				if (!captured.has(name)) return table;
				const synced = name as SyncedTable;
				return {
					...table,
					get(request) {
						const state = stateOf(db);
						const trans = request.trans as Partial<IDBTransaction>;
						if (
							state.capture &&
							trans.mode === 'readwrite' &&
							!state.applying.has(request.trans) &&
							typeof request.key === 'string'
						) {
							const early = earlyRows.get(request.trans) ?? new Map();
							const read = readDocRows(updates(), request.trans, request.key);
							// One nobody takes (the record was only read) must not report a failure.
							read.catch(() => undefined);
							early.set(request.key, read);
							earlyRows.set(request.trans, early);
						}
						return table.get(request);
					},
					async mutate(request) {
						const state = stateOf(db);
						if (state.applying.has(request.trans)) return table.mutate(request);
						const ids = await affectedIds(table, request);
						if (state.capture) {
							const context = contextFor(synced, request.trans, updates(), markers());
							if (request.type === 'add' || request.type === 'put') {
								await state.capture.beforePut(context, request.values as StoredRow[]);
							} else {
								await state.capture.beforeDelete(context, ids);
							}
						} else if (ids.length > 0) {
							if (state.markDirty || !inScope(request.trans, 'syncMeta')) {
								// Without `syncMeta` (the capture went between the transaction's start and
								// this write) the dirty marker, which the next start catches up, covers it.
								await dirty().mutate({
									type: 'put',
									trans: request.trans,
									values: ids.map((docId) => ({ docId, table: synced }))
								});
							} else if (!unmarked.has(request.trans)) {
								unmarked.add(request.trans);
								unmarkSeeded(down.table('syncMeta'), request.trans);
							}
						}
						return table.mutate(request).then(
							(result) => {
								const cause = unmarkFailures.get(request.trans);
								if (result.numFailures > 0 && cause !== undefined) throw cause;
								return result;
							},
							(error: unknown) => {
								throw unmarkFailures.get(request.trans) ?? error;
							}
						);
					}
				};
			}
		};
	}
});

/**
 * Deletes the seeded mark ahead of the write, in its transaction. Not awaited: IndexedDB runs a
 * transaction's requests in order, so the write need not wait a round trip for it; a failure
 * aborts the transaction, the write with it, and the write rejects with the failure's cause.
 */
function unmarkSeeded(meta: DBCoreTable, trans: DBCoreMutateRequest['trans']): void {
	const abort = (cause: unknown) => {
		if (!unmarkFailures.has(trans)) unmarkFailures.set(trans, cause);
		try {
			(trans as IDBTransaction).abort();
		} catch {
			// Already aborting or finished.
		}
	};
	meta.mutate({ type: 'delete', trans, keys: [SEEDED_KEY] }).then((result) => {
		if (result.numFailures > 0) {
			abort(Object.values(result.failures)[0] ?? new Error('seeded mark deletion failed'));
		}
	}, abort);
}

function inScope(trans: DBCoreMutateRequest['trans'], store: string): boolean {
	return (trans as Partial<IDBTransaction>).objectStoreNames?.contains(store) ?? false;
}

async function affectedIds(table: DBCoreTable, request: DBCoreMutateRequest): Promise<string[]> {
	if (request.type === 'add' || request.type === 'put') {
		return request.values.map((row: StoredRow) => row.id);
	}
	if (request.type === 'delete') return keysOf(request).map(String);
	const found = await table.query({
		trans: request.trans,
		query: { index: table.schema.primaryKey, range: request.range },
		values: false
	});
	return found.result.map(String);
}

/** The doc's update rows in local order (`[docId+seq]` sorts them by their local key). */
async function readDocRows(
	updates: DBCoreTable,
	trans: DBCoreMutateRequest['trans'],
	docId: string
): Promise<DocUpdateRow[]> {
	const byDoc = updates.schema.getIndexByKeyPath(['docId', 'seq']);
	if (!byDoc) throw new Error('docUpdates has no [docId+seq] index');
	const found = await updates.query({
		trans,
		query: { index: byDoc, range: docRange(docId) },
		values: true
	});
	return found.result as DocUpdateRow[];
}

function contextFor(
	table: SyncedTable,
	trans: DBCoreMutateRequest['trans'],
	updates: DBCoreTable,
	markers: DBCoreTable
): CaptureContext {
	return {
		table,
		readRows(docId) {
			const early = earlyRows.get(trans);
			const started = early?.get(docId);
			if (!started) return readDocRows(updates, trans, docId);
			early?.delete(docId);
			return started;
		},
		async append(rows) {
			if (rows.length === 0) return [];
			// Reads of these docs taken early but not yet used predate this append: a later capture
			// must read again, behind it, or it would build on a doc that lacks this update.
			const early = earlyRows.get(trans);
			for (const row of rows) early?.delete(row.docId);
			const added = await updates.mutate({ type: 'add', trans, values: rows });
			if (added.numFailures > 0) abortWith(trans, added.failures, 'docUpdates append failed');
			const seqs = added.results?.map(Number) ?? [];
			// Issued as soon as the keys are known, behind whatever the save wrote meanwhile: the
			// marker costs the save a small write, not a round trip of its own.
			const marked = await markers.mutate({
				type: 'put',
				trans,
				values: seqs.map((seq) => ({ seq }))
			});
			if (marked.numFailures > 0) abortWith(trans, marked.failures, 'pendingUpdates add failed');
			return seqs;
		},
		afterCommit(callback) {
			// Right above IndexedDB the DBCore transaction is the IDBTransaction itself.
			const events = trans as Partial<EventTarget>;
			events.addEventListener?.('complete', () => callback(), { once: true });
		}
	};
}

/**
 * At this level Dexie swallows a failed request (the transaction would commit the projection write
 * without its update row or its marker, a save that never syncs): abort the transaction here.
 */
function abortWith(
	trans: DBCoreMutateRequest['trans'],
	failures: Record<number, Error>,
	message: string
): never {
	try {
		(trans as IDBTransaction).abort();
	} catch {
		// Already aborting or finished: nothing left to commit.
	}
	throw Object.values(failures)[0] ?? new Error(message);
}
