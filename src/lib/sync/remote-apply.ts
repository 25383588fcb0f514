import {
	acknowledgeDocUpdates,
	addSyncIssues,
	clearUnprojected,
	docRows,
	inApplyingTransaction,
	markUnprojected,
	projectionFor,
	projectionTables,
	readProjectionRow,
	readSyncMeta,
	rowsByClientId,
	writeSyncMeta,
	type BillfoldDb,
	type DocUpdateRow,
	type Projection,
	type RowMeta,
	type SyncedTable,
	type SyncIssueRow
} from '$lib/storage';
import { CURSOR_KEY } from './cursor';
import { captureFromProjections, storedRowsOf } from './doc-capture';
import type { EnvelopeKind } from './envelope';
import { preparedView, type PreparedViews } from './page-views';
import { readRunCensus, type CensusRequest, type KnownCounts, type RunCensus } from './run-census';
import {
	applyUpdates,
	docFromUpdates,
	readRecord,
	rejectedFields,
	type RecordView
} from './record-doc';

export interface DecryptedRow {
	seq: number;
	docId: string;
	clientId: string;
	kind: EnvelopeKind;
	/**
	 * Absent for rows found to be this device's own pushes when they were read: the ones this tab
	 * heard of as its own, and in a pull the ones already stored. A pull that prepares views (see
	 * view-preparing.ts) decrypts its own rows too, since it does so before that lookup answers,
	 * and then drops their payload here; any other pull does not decrypt them. A row with a
	 * payload the device holds anyway (another tab pushed it) is skipped by its client id. If
	 * such a row has meanwhile been merged into a local snapshot, the snapshot holds its content,
	 * so skipping it stays correct.
	 */
	payload?: { table: SyncedTable; update: Uint8Array };
	/** This device pushed the row and has already stored the relay's acknowledgement. */
	acked?: boolean;
}

export interface ApplyResult {
	/** Another tab applied this page first; nothing was written. */
	stale: boolean;
	docIds: string[];
	issues: SyncIssueRow[];
	/** Read after the writes, in the same transaction, when asked for. */
	census?: RunCensus;
}

/** The tables every apply may write besides the projections: the log, its cursor, its reports. */
const APPLY_TABLES = [
	'docUpdates',
	'pendingUpdates',
	'syncMeta',
	'dirtyDocs',
	'syncIssues',
	'unprojected'
];

/**
 * The tables applying records of `tables` touches: a save of any other table need not wait for
 * the apply, nor the apply for it.
 */
function applyScope(tables: Iterable<SyncedTable>): string[] {
	const scope = new Set(APPLY_TABLES);
	for (const table of tables) for (const name of projectionTables(table)) scope.add(name);
	return [...scope];
}

function firstZodMessage(error: unknown): string {
	if (error && typeof error === 'object' && 'issues' in error && Array.isArray(error.issues)) {
		const issue = error.issues[0] as { path?: unknown[]; message?: string } | undefined;
		if (issue) return `${(issue.path ?? []).join('.') || 'record'}: ${issue.message ?? ''}`;
	}
	return error instanceof Error ? error.message : String(error);
}

/** The doc's view as a valid record with its row metadata, or the issue that says why not. */
function parseView(
	projection: Projection,
	table: SyncedTable,
	docId: string,
	view: RecordView,
	now: string
): { record: unknown; meta: RowMeta } | { issue: SyncIssueRow } {
	try {
		const { createdAt, updatedAt, schemaVersion } = view.meta;
		return {
			record: projection.parser.parse(view.record),
			meta: { id: docId, createdAt, updatedAt, schemaVersion }
		};
	} catch (error) {
		return {
			issue: {
				docId,
				table,
				kind: 'unreadable-record',
				fields: [],
				detail: firstZodMessage(error),
				detectedAt: now
			}
		};
	}
}

/**
 * Writes a doc's current view into its projection table with the table's registered writer. A
 * table nobody registered yet is remembered and projected once it registers; a view that does not
 * parse (e.g. two valid edits that together break a rule) keeps the old projection and is
 * reported (returned, for the caller to store).
 *
 * Inside a Dexie transaction every awaited call must reach IndexedDB: an async function that
 * returns without touching Dexie resolves as a plain promise, the await leaves the transaction's
 * zone and the transaction commits early. Hence the checks before each call below and at the
 * call sites, instead of early returns inside the helpers.
 */
export function projectDoc(
	db: BillfoldDb,
	table: SyncedTable,
	docId: string,
	view: RecordView,
	now: string
): { issue?: SyncIssueRow; write?: Promise<void> } {
	const projection = projectionFor(table);
	if (!projection) return { write: markUnprojected(db, [{ docId, table }]) };
	if (view.meta.deleted) return { write: projection.remove(db, docId) };
	const parsed = parseView(projection, table, docId, view, now);
	if ('issue' in parsed) return { issue: parsed.issue };
	return { write: projection.write(db, parsed.record, parsed.meta) };
}

/**
 * Plans the projection of many docs of one table: each is parsed here (an unreadable one is
 * reported and keeps its old projection); the writes come back as thunks so the caller awaits
 * nothing but IndexedDB work inside its transaction. A table that takes batches gets one write.
 */
function planProjections(
	db: BillfoldDb,
	table: SyncedTable,
	entries: readonly { docId: string; view: RecordView }[],
	now: string
): { issues: SyncIssueRow[]; writes: (() => Promise<void>)[] } {
	const projection = projectionFor(table);
	const issues: SyncIssueRow[] = [];
	const writes: (() => Promise<void>)[] = [];
	if (!projection?.writeMany) {
		for (const { docId, view } of entries) {
			const projected = projectDoc(db, table, docId, view, now);
			if (projected.issue) issues.push(projected.issue);
			const write = projected.write;
			if (write) writes.push(() => write);
		}
		return { issues, writes };
	}
	const ready: { record: unknown; meta: RowMeta }[] = [];
	for (const { docId, view } of entries) {
		if (view.meta.deleted) {
			writes.push(() => projection.remove(db, docId));
			continue;
		}
		const parsed = parseView(projection, table, docId, view, now);
		if ('issue' in parsed) issues.push(parsed.issue);
		else ready.push(parsed);
	}
	const writeMany = projection.writeMany.bind(projection);
	if (ready.length > 0) writes.push(() => writeMany(db, ready));
	return { issues, writes };
}

/** Catches up docs a tab changed before it loaded the sync runtime; `docIds` is not empty. */
async function catchUpDirty(db: BillfoldDb, docIds: readonly string[]): Promise<void> {
	const dirty = (await db.dirtyDocs.bulkGet(docIds as string[])).filter((row) => row !== undefined);
	for (const { docId, table } of dirty) {
		await captureFromProjections(db, table, [
			{ docId, row: await readProjectionRow(db, table, docId) }
		]);
	}
	if (dirty.length > 0) await db.dirtyDocs.bulkDelete(dirty.map((row) => row.docId));
}

/**
 * Applies one pulled page in one transaction: the update rows, the projections they produce, the
 * reported issues and the new cursor commit together, so an interruption resumes at the last
 * committed page. Rows this device pushed itself are only acknowledged (their pending markers
 * go). The transaction spans only the tables the page's record kinds project into. With
 * `census`, the run's census (the page's docs counted as touched) is read in the same
 * transaction after the writes. `prepared`: views decoded before the transaction
 * (page-views.ts), used where they hold.
 */
export async function applyRemotePage(
	db: BillfoldDb,
	rows: readonly DecryptedRow[],
	after: number,
	now: string,
	census?: CensusRequest,
	prepared?: PreparedViews
): Promise<ApplyResult> {
	let previous = after;
	for (const row of rows) {
		if (row.seq <= previous) throw new Error(`relay rows out of order at seq ${row.seq}`);
		previous = row.seq;
	}
	const scope = applyScope(rows.flatMap((row) => (row.payload ? [row.payload.table] : [])));
	return inApplyingTransaction(db, scope, async () => {
		// Everything the apply reads is asked for at once: one round trip to IndexedDB, not four.
		// Each is issued only when there is something to look up: see projectDoc on leaving the
		// transaction. A row with content is looked up among its doc's stored rows, which the apply
		// reads anyway: the relay keeps one row per client id, under the doc id it was pushed with
		// (which the envelope's associated data binds), so a row this device already has is
		// stored under that doc. Only rows without content (this device's own) are looked up by
		// client id.
		const unacked = rows.filter((row) => !row.acked && !row.payload).map((row) => row.clientId);
		const incoming = [...new Set(rows.flatMap((row) => (row.payload ? [row.docId] : [])))];
		const [cursor, own, dirty, storedBefore] = await Promise.all([
			readSyncMeta<number>(db, CURSOR_KEY),
			unacked.length > 0 ? rowsByClientId(db, unacked) : new Map<string, DocUpdateRow>(),
			incoming.length > 0 ? db.dirtyDocs.count() : 0,
			incoming.length > 0 ? storedRowsOf(db, incoming) : new Map<string, DocUpdateRow[]>()
		]);
		if ((cursor ?? 0) !== after) return { stale: true, docIds: [], issues: [] };
		const known = withStoredClientIds(own, rows, storedBefore);
		// The writes are issued without awaiting each: IndexedDB runs them in order, and the
		// transaction commits all of them or none.
		const writes: Promise<unknown>[] = [];
		// This device's own rows coming back (another tab pushed them, or a lost answer): their
		// markers go, whether or not an acknowledgement already removed them.
		const acknowledged = rows.flatMap((row) => {
			const own = known.get(row.clientId);
			return own?.origin === 'local' && own.seq !== undefined ? [own.seq] : [];
		});
		if (acknowledged.length > 0) writes.push(acknowledgeDocUpdates(db, acknowledged));
		type Incoming = { seq: number; clientId: string; table: SyncedTable; update: Uint8Array };
		const byDoc = new Map<string, Incoming[]>();
		for (const row of rows) {
			if (row.acked || known.has(row.clientId) || !row.payload) continue;
			const incoming = { seq: row.seq, clientId: row.clientId, ...row.payload };
			const pulled = byDoc.get(row.docId);
			if (pulled) pulled.push(incoming);
			else byDoc.set(row.docId, [incoming]);
		}
		// A doc a tab changed before it loaded the sync runtime is caught up first (rarely any).
		const catchUp = byDoc.size > 0 && dirty > 0;
		if (catchUp) await catchUpDirty(db, [...byDoc.keys()]);
		const issues: SyncIssueRow[] = [];
		const stored = catchUp ? await storedRowsOf(db, [...byDoc.keys()]) : storedBefore;
		const appended: DocUpdateRow[] = [];
		const views = new Map<SyncedTable, { docId: string; view: RecordView }[]>();
		for (const [docId, docUpdates] of byDoc) {
			const table = docUpdates[0]?.table;
			if (!table) continue;
			const rule = projectionFor(table)?.freeze;
			const existing = stored.get(docId) ?? [];
			const ready =
				existing.length === 0
					? preparedView(
							prepared,
							docId,
							docUpdates.map((row) => row.clientId),
							rule
						)
					: undefined;
			let before: RecordView | undefined;
			let view: RecordView;
			if (ready) {
				view = ready;
			} else {
				const doc = docFromUpdates(existing.map((row) => row.update));
				before = existing.length > 0 ? readRecord(doc, rule) : undefined;
				applyUpdates(
					doc,
					docUpdates.map((row) => row.update),
					'remote'
				);
				view = readRecord(doc, rule);
				doc.destroy();
			}
			for (const row of docUpdates) {
				appended.push({
					docId,
					table,
					update: row.update,
					clientId: row.clientId,
					origin: 'remote',
					remoteSeq: row.seq
				});
			}
			const rejected = before ? rejectedFields(before, view, rule) : [];
			if (rejected.length > 0) {
				issues.push({
					docId,
					table,
					kind: 'frozen-edit',
					fields: rejected,
					detail: 'an edit made on another device before it learned the record was issued',
					detectedAt: now
				});
			}
			// Pushed, not copied: a page of 1,000 docs of one table copied the list 1,000 times.
			const tableViews = views.get(table);
			if (tableViews) tableViews.push({ docId, view });
			else views.set(table, [{ docId, view }]);
		}
		if (appended.length > 0) writes.push(db.docUpdates.bulkAdd(appended));
		for (const [table, entries] of views) {
			const plan = planProjections(db, table, entries, now);
			issues.push(...plan.issues);
			for (const write of plan.writes) writes.push(write());
		}
		if (issues.length > 0) writes.push(addSyncIssues(db, issues));
		const last = rows.at(-1);
		if (last) writes.push(writeSyncMeta(db, CURSOR_KEY, last.seq));
		const docIds = [...byDoc.keys()];
		// The census is read right behind the writes, not after they are answered: a transaction
		// runs its requests in the order they were made, so the counts include the rows and the
		// cursor written above (each write's request is made when it is called), and the apply
		// commits one round trip to IndexedDB sooner (see censusBehind). What this transaction
		// already knows is not read again: the cursor it wrote, and the rows of the page's docs
		// (those it read plus those it added).
		const rowsPerDoc = new Map(docIds.map((docId) => [docId, stored.get(docId)?.length ?? 0]));
		for (const row of appended) rowsPerDoc.set(row.docId, (rowsPerDoc.get(row.docId) ?? 0) + 1);
		const counts = { cursor: last?.seq ?? after, rowsPerDoc };
		const [counted] = await Promise.all([censusBehind(db, census, docIds, counts), ...writes]);
		return counted
			? { stale: false, docIds, issues, census: counted }
			: { stale: false, docIds, issues };
	});
}

/**
 * The run's census with the page's docs counted as touched, read behind the writes already
 * requested in the transaction; undefined when not asked for.
 */
function censusBehind(
	db: BillfoldDb,
	census: CensusRequest | undefined,
	docIds: readonly string[],
	known: KnownCounts
): Promise<RunCensus | undefined> {
	if (!census) return Promise.resolve(undefined);
	const touched = [...new Set([...census.touched, ...docIds])];
	return readRunCensus(db, touched, census.compactAfterRows, known);
}

/**
 * The rows of this page that the device already has: its own rows looked up by client id, and
 * the rows with content found among their docs' stored rows. A row with content stored here
 * under another doc id would not be found, so the apply's bulkAdd would fail on the unique
 * client id and the page be retried, where the lookup by client id used to skip it. An honest
 * relay cannot send one: it keeps a client id's one row under the doc id it was pushed with, and
 * that doc id is bound into the envelope's associated data, so a row moved to another doc does
 * not decrypt.
 */
function withStoredClientIds(
	own: ReadonlyMap<string, DocUpdateRow>,
	rows: readonly DecryptedRow[],
	stored: ReadonlyMap<string, readonly DocUpdateRow[]>
): Map<string, DocUpdateRow> {
	const known = new Map(own);
	const wanted = new Set(rows.flatMap((row) => (row.payload ? [row.clientId] : [])));
	if (wanted.size === 0) return known;
	for (const docRows of stored.values()) {
		for (const row of docRows) if (wanted.has(row.clientId)) known.set(row.clientId, row);
	}
	return known;
}

/** Projects the docs of a table that arrived before anything registered the table. */
export async function projectPending(
	db: BillfoldDb,
	table: SyncedTable,
	now: string
): Promise<number> {
	return inApplyingTransaction(db, applyScope([table]), async () => {
		const pending = await db.unprojected.where('table').equals(table).toArray();
		if (!projectionFor(table)) return 0;
		const issues: SyncIssueRow[] = [];
		for (const { docId } of pending) {
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
			if (projected.issue) issues.push(projected.issue);
			if (projected.write) await projected.write;
		}
		if (issues.length > 0) await addSyncIssues(db, issues);
		if (pending.length > 0) {
			await clearUnprojected(
				db,
				pending.map((row) => row.docId)
			);
		}
		return pending.length;
	});
}
