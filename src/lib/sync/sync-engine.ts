import {
	countPendingDocUpdates,
	docRows,
	pendingDocUpdates,
	readSyncMeta,
	rowsByClientId,
	type BillfoldDb,
	type DocUpdateRow
} from '$lib/storage';
import { SYNC_MAX_PUSH_ROWS } from '$protocol';
import { uuidv7 } from 'uuidv7';
import { EnvelopeError, openEnvelope, sealEnvelope } from './envelope';
import { decodePayload, encodePayload } from './payload';
import { docFromUpdates, snapshotOf } from './record-doc';
import { CURSOR_KEY } from './cursor';
import { prepareViews } from './page-views';
import { ViewPreparing } from './view-preparing';
import { applyRemotePage, type DecryptedRow } from './remote-apply';
import { mergeSyncedRows } from './local-compaction';
import { storeOwnAcks } from './own-acks';
import { readRunCensus, withKnownRows, type CensusRequest, type RunCensus } from './run-census';
import {
	TransportError,
	type LogRow,
	type PushAck,
	type PushRow,
	type SyncPoke,
	type SyncTransport
} from './transport';

/** A push stays well under the relay's request cap (16 MiB by default) once base64-encoded. */
const PUSH_MAX_BYTES = 8 * 1024 * 1024;

/** The longest prefix of the rows within PUSH_MAX_BYTES, and always the first row. */
function withinPushBytes<T extends { update: Uint8Array }>(rows: readonly T[]): T[] {
	let bytes = 0;
	const taken: T[] = [];
	for (const row of rows) {
		bytes += row.update.byteLength;
		if (taken.length > 0 && bytes > PUSH_MAX_BYTES) break;
		taken.push(row);
	}
	return taken;
}

/** Heard-of rows kept for applying without a pull; a device further behind pulls. */
const INBOX_LIMIT = 10_000;
/** This device's own pushed rows are never decrypted again: it has their content. */
const NO_BYTES = new Uint8Array(0);

/**
 * A row heard of without a pull. `own`: this device pushed it, so it has the content and the row
 * is not decrypted; `localSeq`: this tab pushed it, and this is its local key; `acked`: its
 * acknowledgement is already stored, so the apply only moves the cursor past it.
 */
interface InboxEntry {
	row: LogRow;
	own: boolean;
	localSeq?: number;
	acked: boolean;
}

/** What a run's push did: whether it sent rows, and whether it read every pending row to find them. */
interface PushOutcome {
	pushed: boolean;
	readAll: boolean;
}

export type SyncState = 'synced' | 'syncing' | 'offline' | 'error';

export interface SyncStatus {
	state: SyncState;
	/** Local changes the relay has not acknowledged yet. */
	pending: number;
	cursor: number;
	lastSyncedAt: string | null;
	error: string | null;
}

export interface SyncEngineOptions {
	db: BillfoldDb;
	transport: SyncTransport;
	workspaceId: string;
	key: CryptoKey;
	clock?: () => string;
	pushBatch?: number;
	pullPage?: number;
	/** A doc with more local rows than this is compacted into a snapshot after a sync. */
	compactAfterRows?: number;
	/** Delay before retrying after a failure; doubles up to `maxRetryMs`. */
	retryMs?: number;
	maxRetryMs?: number;
	onApplied?: (docIds: readonly string[]) => void;
}

/**
 * The client side of the sync log: push local update rows the relay has not acknowledged (their
 * client ids make retries harmless), then pull after the cursor and apply page by page, strictly
 * in order, the cursor committed with each page. Any interruption resumes from what is stored.
 */
export class SyncEngine {
	#status: SyncStatus = {
		state: 'syncing',
		pending: 0,
		cursor: 0,
		lastSyncedAt: null,
		error: null
	};
	readonly #listeners = new Set<(status: SyncStatus) => void>();
	readonly #options: Required<Omit<SyncEngineOptions, 'onApplied'>> &
		Pick<SyncEngineOptions, 'onApplied'>;
	#running: Promise<void> | undefined;
	#again = false;
	#stopped = true;
	#unwatch: (() => void) | undefined;
	#retryTimer: ReturnType<typeof setTimeout> | undefined;
	#retryDelay: number;
	readonly #touched = new Set<string>();
	/** Rows heard of without a pull (pokes, this device's acknowledged pushes), by sequence. */
	readonly #inbox = new Map<number, InboxEntry>();
	/** The highest sequence number the relay is known to have. */
	#knownHead = 0;
	/** The events socket is up, so every growth of the log since `connected` is heard of. */
	#live = false;
	/** Something may have been missed (start, reconnect, a failure): the next run pulls. */
	#mustPull = true;
	/** The stored cursor as last read or written here; another tab moving it shows as a stale apply. */
	#cursor: number | undefined;
	/**
	 * The rows being pushed, client id → local key: a poke that carries them back needs no
	 * decryption, and their acknowledgement is stored without looking them up.
	 */
	readonly #inFlight = new Map<string, number>();
	/**
	 * Local rows may be waiting: set by a start, a save (`syncNow`), a failure; a poke alone does not
	 * set it, so a device that only receives reads no pending rows.
	 */
	#pushWanted = true;
	/**
	 * Rows saved in this tab since the last read of the pending rows, when that read saw all of
	 * them: then these are all there is to push, and the push needs no read. Undefined when that
	 * is not known (start, a failure, `syncNow`, rows another tab may have left): the push reads.
	 */
	#unread: DocUpdateRow[] | undefined;
	/**
	 * The census the run's last write so far read in its own transaction (undefined when a later
	 * write took none): if nothing writes after it, the run ends without a transaction of its own.
	 */
	#census: RunCensus | undefined;
	/**
	 * Rows per doc as the capture counted them when this tab last saved the doc (in the saving
	 * transaction, from the rows it read anyway), until the run that pushed the doc has read its
	 * census: the census then counts only the other touched docs, where it counted about one doc
	 * per save. An apply of remote rows or a compaction here forgets the doc. Another tab's later
	 * writes can make a count low; it only decides compaction, which that tab's own census covers.
	 * An entry lingers while no run of this tab touches the doc: another tab pushed the row, or
	 * the push failed. Applying pulled rows of the doc forgets it, so it never stands for them.
	 */
	readonly #savedRows = new Map<string, number>();

	constructor(options: SyncEngineOptions) {
		this.#options = {
			clock: () => new Date().toISOString(),
			pushBatch: SYNC_MAX_PUSH_ROWS,
			pullPage: 1000,
			compactAfterRows: 100,
			retryMs: 1000,
			maxRetryMs: 30_000,
			...options
		};
		this.#retryDelay = this.#options.retryMs;
	}

	get status(): SyncStatus {
		return this.#status;
	}

	subscribe(listener: (status: SyncStatus) => void): () => void {
		this.#listeners.add(listener);
		listener(this.#status);
		return () => this.#listeners.delete(listener);
	}

	start(): void {
		if (!this.#stopped) return;
		this.#stopped = false;
		this.#unwatch = this.#options.transport.watch((poke) => this.#heard(poke));
		void this.syncNow();
	}

	/** Stops syncing; resolves once a run in progress has finished. */
	async stop(): Promise<void> {
		this.#stopped = true;
		this.#unwatch?.();
		this.#unwatch = undefined;
		clearTimeout(this.#retryTimer);
		await this.#running;
	}

	#heard(poke: SyncPoke): void {
		if (poke.kind === 'disconnected') {
			this.#live = false;
			return;
		}
		if (poke.kind === 'connected') {
			this.#live = true;
			this.#mustPull = true;
		} else {
			if (!this.#bringsNews(poke)) return;
			this.#knownHead = Math.max(this.#knownHead, poke.head);
			for (const row of poke.rows ?? []) {
				const localSeq = this.#inFlight.get(row.clientId);
				const own = localSeq !== undefined;
				if (!this.#inbox.has(row.seq))
					this.#inbox.set(row.seq, { row, own, localSeq, acked: false });
			}
			// A device far behind pulls anyway; do not let unapplied pokes pile up.
			if (this.#inbox.size > INBOX_LIMIT) this.#inbox.clear();
		}
		void this.#wake();
	}

	/**
	 * False for a poke that only echoes this tab's own push: every row is already applied or is in
	 * flight, and the run pushing it applies its acknowledgement (or, if the answer is lost, fails
	 * and pulls). Waking for it would cost a whole run of reads for nothing.
	 */
	#bringsNews(poke: Extract<SyncPoke, { kind: 'grew' }>): boolean {
		const rows = poke.rows ?? [];
		if (rows.length === 0 || rows.at(-1)?.seq !== poke.head) return true;
		const cursor = this.#cursor ?? -1;
		return rows.some((row) => row.seq > cursor && !this.#inFlight.has(row.clientId));
	}

	/** Syncs now, pushing every pending row (read from IndexedDB); calls during a run make it run once more. */
	syncNow(): Promise<void> {
		this.#unread = undefined;
		this.#pushWanted = true;
		return this.#wake();
	}

	/**
	 * Pushes rows this tab has just saved, as the capture stored them. Saves made while a push is
	 * on its way all go in the next push, which starts as soon as the answer is stored.
	 */
	pushCommitted(
		rows: readonly DocUpdateRow[],
		rowsPerDoc: ReadonlyMap<string, number> = new Map()
	): Promise<void> {
		this.#unread?.push(...rows);
		for (const [docId, count] of rowsPerDoc) this.#savedRows.set(docId, count);
		this.#pushWanted = true;
		return this.#wake();
	}

	/** Runs, or runs once more after the current run, so no poke or save is missed. */
	#wake(): Promise<void> {
		if (this.#stopped) return Promise.resolve();
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = this.#loop();
		return this.#running;
	}

	async #loop(): Promise<void> {
		clearTimeout(this.#retryTimer);
		try {
			let ran: boolean;
			do {
				ran = await this.#run();
			} while (ran && this.#again && !this.#stopped);
		} finally {
			// Cleared in the very step that last read #again: a wake any microtask later (as with a
			// `.finally` on the loop's promise) would join a run that had already decided not to go
			// again, and the save it announced would wait for the next wake.
			this.#running = undefined;
		}
	}

	/** One run; false when it failed (#fail has told the listeners and set the retry). */
	async #run(): Promise<boolean> {
		this.#again = false;
		this.#census = undefined;
		// Told without reading the counts first: that would cost a change two reads of latency.
		this.#announce({ state: 'syncing', error: null });
		const push = this.#pushWanted;
		this.#pushWanted = false;
		try {
			// Rows a poke brought are applied before this device's own push goes out.
			await this.#applyInbox(!push);
			const pushed = push ? await this.#pushAll() : { pushed: false, readAll: false };
			await this.#catchUp();
			await this.#finishRun(pushed);
			this.#retryDelay = this.#options.retryMs;
			return true;
		} catch (error) {
			await this.#fail(error);
			return false;
		}
	}

	async #fail(error: unknown): Promise<void> {
		this.#mustPull = true;
		this.#pushWanted = true;
		this.#unread = undefined;
		this.#cursor = undefined;
		const offline = error instanceof TransportError && error.failure === 'offline';
		const fatal =
			error instanceof EnvelopeError ||
			(error instanceof TransportError &&
				(error.failure === 'unauthorized' || error.failure === 'forbidden'));
		await this.#setStatus({
			state: offline ? 'offline' : 'error',
			error: offline ? null : error instanceof Error ? error.message : String(error)
		});
		if (fatal || this.#stopped) return;
		this.#retryTimer = setTimeout(() => void this.syncNow(), this.#retryDelay);
		this.#retryDelay = Math.min(this.#retryDelay * 2, this.#options.maxRetryMs);
	}

	/** Tells the listeners a change of state with the counts as last read. */
	#announce(change: Partial<SyncStatus>): void {
		this.#status = { ...this.#status, ...change };
		for (const listener of this.#listeners) listener(this.#status);
	}

	async #setStatus(change: Partial<SyncStatus>): Promise<void> {
		const { db } = this.#options;
		const counts = await Promise.all([
			countPendingDocUpdates(db),
			readSyncMeta<number>(db, CURSOR_KEY)
		]).catch(() => [this.#status.pending, this.#status.cursor] as const);
		this.#announce({ ...change, pending: counts[0], cursor: counts[1] ?? 0 });
	}

	async #storedCursor(): Promise<number> {
		this.#cursor ??= (await readSyncMeta<number>(this.#options.db, CURSOR_KEY)) ?? 0;
		return this.#cursor;
	}

	/**
	 * Reads the pending rows after the batch in flight (if any) that fit one push, and seals them;
	 * `more` when further rows may be pending.
	 */
	async #readBatch(
		inFlight: readonly DocUpdateRow[] = []
	): Promise<{ rows: DocUpdateRow[]; envelopes: PushRow[]; more: boolean }> {
		const { db, pushBatch } = this.#options;
		// Saves from now on are collected; this read and the ones after it see every row before.
		this.#unread = [];
		const after = inFlight.reduce((last, row) => Math.max(last, row.seq ?? 0), 0);
		const pending = await pendingDocUpdates(db, pushBatch, after);
		const read = new Set(pending.map((row) => row.clientId));
		this.#unread = this.#unread?.filter((row) => !read.has(row.clientId));
		const batch = await this.#seal(pending);
		return { ...batch, more: batch.more || pending.length === pushBatch };
	}

	/**
	 * The rows saved since the last read when they are known to be all that is pending and fit one
	 * push (else undefined: read them).
	 */
	#takeUnread(): DocUpdateRow[] | undefined {
		const unread = this.#unread;
		if (!unread || unread.length > this.#options.pushBatch) return undefined;
		if (unread.some((row) => row.seq === undefined)) return undefined;
		if (withinPushBytes(unread).length < unread.length) return undefined;
		this.#unread = [];
		return unread;
	}

	/** Seals the longest prefix of `pending` that fits one push; `more` when some did not fit. */
	async #seal(
		pending: readonly DocUpdateRow[]
	): Promise<{ rows: DocUpdateRow[]; envelopes: PushRow[]; more: boolean }> {
		const { key, workspaceId } = this.#options;
		const rows = withinPushBytes(pending);
		const envelopes = await Promise.all(
			rows.map(async (row) => ({
				clientId: row.clientId,
				docId: row.docId,
				envelope: await sealEnvelope(
					key,
					{ workspaceId, docId: row.docId, kind: 'update' },
					encodePayload({ table: row.table, update: row.update })
				)
			}))
		);
		return { rows, envelopes, more: rows.length < pending.length };
	}

	/**
	 * Pushes every pending row, a batch at a time, one push in flight. While a batch is on its way,
	 * the previous batch's acknowledgement is stored and then the next batch is read and sealed, in
	 * that order (each read starts after the last local key of the batch in flight), so
	 * the next push goes out as soon as the answer comes. A row stays pending until the relay's
	 * acknowledgement (sent only once the row is durable there) is stored, so a batch lost on the
	 * way is pushed again whole, and the relay answers the client ids it already has with their
	 * first sequence numbers.
	 */
	async #pushAll(): Promise<PushOutcome> {
		const { transport } = this.#options;
		const unread = this.#takeUnread();
		let batch = unread ? await this.#seal(unread) : await this.#readBatch();
		const pushed = { pushed: batch.rows.length > 0, readAll: unread === undefined };
		// This device's reads and acknowledgements of the push, one after another.
		let queue: Promise<unknown> = Promise.resolve();
		const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
			const done = queue.then(work);
			queue = done.catch(() => undefined);
			return done;
		};
		let storing: Promise<void> | undefined;
		try {
			while (batch.rows.length > 0) {
				const sent = batch;
				for (const row of sent.rows) this.#inFlight.set(row.clientId, row.seq ?? 0);
				const next = sent.more ? enqueue(() => this.#readBatch(sent.rows)) : undefined;
				// A read that fails while this batch is pushed is reported by the await below.
				next?.catch(() => undefined);
				let acks: PushAck[];
				try {
					acks = await transport.push(sent.envelopes);
				} catch (error) {
					for (const row of sent.rows) this.#inFlight.delete(row.clientId);
					throw error;
				}
				// The previous batch's acknowledgement, long stored by now; its failure fails the run.
				try {
					await storing;
				} catch (error) {
					for (const row of sent.rows) this.#inFlight.delete(row.clientId);
					throw error;
				}
				storing = enqueue(() => this.#storeAcks(sent.rows, acks, !next));
				storing.catch(() => undefined);
				if (!next) break;
				void storing.then(
					() => this.#setStatus({}),
					() => undefined
				);
				batch = await next;
			}
			await storing;
		} finally {
			// A failed run ends only once nothing it started still writes.
			await queue;
		}
		return pushed;
	}

	/**
	 * Stores the relay's acknowledgement of a pushed batch: when the acknowledged rows continue the
	 * cursor, one transaction stores it and moves the cursor past them; the others are
	 * acknowledged alone.
	 */
	async #storeAcks(
		rows: readonly DocUpdateRow[],
		acks: readonly PushAck[],
		last: boolean
	): Promise<void> {
		const { db } = this.#options;
		// Before the transaction below, so the census it may read covers these docs.
		for (const row of rows) this.#touched.add(row.docId);
		try {
			const byClientId = new Map(rows.map((row) => [row.clientId, row]));
			for (const ack of acks) {
				const sentRow = byClientId.get(ack.clientId);
				this.#knownHead = Math.max(this.#knownHead, ack.seq);
				const row = {
					seq: ack.seq,
					docId: sentRow?.docId ?? '',
					clientId: ack.clientId,
					kind: 'update' as const
				};
				this.#inbox.set(ack.seq, {
					row: { ...row, envelope: NO_BYTES },
					own: true,
					localSeq: sentRow?.seq,
					acked: false
				});
			}
			// When the acknowledged rows continue the cursor, one transaction stores their
			// acknowledgement and moves the cursor past them (after the last batch, it also reads the
			// run's census); the others are acknowledged alone.
			await this.#applyInbox(last);
			const waiting = acks.flatMap((ack) => {
				const entry = this.#inbox.get(ack.seq);
				return entry?.acked === false && entry.localSeq !== undefined ? [entry] : [];
			});
			await storeOwnAcks(
				db,
				waiting.map((entry) => entry.localSeq ?? 0)
			);
			for (const entry of waiting) entry.acked = true;
			if (waiting.length > 0) this.#census = undefined;
		} finally {
			for (const row of rows) this.#inFlight.delete(row.clientId);
		}
	}

	async #decrypt(row: LogRow, known: boolean): Promise<DecryptedRow> {
		const { seq, docId, clientId, kind } = row;
		if (known) return { seq, docId, clientId, kind };
		const { key, workspaceId } = this.#options;
		const plaintext = await openEnvelope(key, { workspaceId, docId, kind }, row.envelope);
		return { seq, docId, clientId, kind, payload: decodePayload(plaintext) };
	}

	/**
	 * Brings the cursor up to the relay's head: with the rows already heard of when they continue
	 * the cursor without a gap, else (a gap, a reconnect, a poke without rows) with a pull.
	 */
	async #catchUp(): Promise<void> {
		const caughtUp = await this.#applyInbox(true);
		if (caughtUp && this.#live && !this.#mustPull) return;
		this.#mustPull = false;
		this.#cursor = undefined;
		await this.#pullAll();
		this.#cursor = undefined;
		const cursor = await this.#storedCursor();
		for (const seq of this.#inbox.keys()) if (seq <= cursor) this.#inbox.delete(seq);
	}

	/**
	 * Applies the heard-of rows that follow the cursor, in one transaction; true when the cursor
	 * has then reached the highest head known. Rows at or before the cursor are dropped; a row
	 * after a gap waits (the pull that follows fills the gap). Rows from other devices are
	 * decrypted in parallel; one this device already has (another tab pushed it) is skipped by
	 * the apply. `mayEndRun`: no write of this run is due after it (no push follows), so when it
	 * reaches the head its transaction also reads the run's census.
	 */
	async #applyInbox(mayEndRun: boolean): Promise<boolean> {
		const { db, clock, onApplied, pullPage } = this.#options;
		const cursor = await this.#storedCursor();
		for (const seq of this.#inbox.keys()) if (seq <= cursor) this.#inbox.delete(seq);
		const run: InboxEntry[] = [];
		for (let seq = cursor + 1; run.length < pullPage; seq++) {
			const entry = this.#inbox.get(seq);
			if (!entry) break;
			run.push(entry);
		}
		const last = run.at(-1)?.row.seq;
		if (last === undefined) return cursor >= this.#knownHead;
		const census = mayEndRun && last >= this.#knownHead ? this.#censusRequest() : undefined;
		if (run.every((entry) => entry.localSeq !== undefined))
			return this.#applyOwn(run, cursor, last, census);
		const rows = await Promise.all(
			run.map(async ({ row, own, acked }) => ({ ...(await this.#decrypt(row, own)), acked }))
		);
		const result = await applyRemotePage(db, rows, cursor, clock(), census);
		// Before the census takes saved counts: it counted the docs this apply added rows to.
		for (const docId of result.docIds) this.#savedRows.delete(docId);
		this.#census = this.#withSavedRows(result.census);
		if (result.stale) {
			this.#cursor = undefined;
			return false;
		}
		this.#cursor = last;
		for (const { row } of run) this.#inbox.delete(row.seq);
		for (const docId of result.docIds) this.#touched.add(docId);
		if (result.docIds.length > 0) onApplied?.(result.docIds);
		return last >= this.#knownHead;
	}

	/**
	 * A run of rows this tab pushed itself: their content is here already, so applying them is
	 * storing their acknowledgement and moving the cursor, in one narrow transaction.
	 */
	async #applyOwn(
		run: readonly InboxEntry[],
		cursor: number,
		last: number,
		census: CensusRequest | undefined
	): Promise<boolean> {
		const unacked = run.filter((entry) => !entry.acked);
		const stored = await storeOwnAcks(
			this.#options.db,
			unacked.map((entry) => entry.localSeq ?? 0),
			{ after: cursor, to: last },
			census
		);
		for (const entry of unacked) entry.acked = true;
		this.#census = stored.stale ? undefined : this.#withSavedRows(stored.census);
		if (stored.stale) {
			this.#cursor = undefined;
			return false;
		}
		this.#cursor = last;
		for (const { row } of run) this.#inbox.delete(row.seq);
		return last >= this.#knownHead;
	}

	/** The touched docs whose rows the capture has not counted already. */
	#censusRequest(): CensusRequest {
		return {
			touched: [...this.#touched].filter((docId) => !this.#savedRows.has(docId)),
			compactAfterRows: this.#options.compactAfterRows
		};
	}

	/** A census read for #censusRequest, completed with the touched docs' saved counts. */
	#withSavedRows(census: RunCensus | undefined): RunCensus | undefined {
		if (!census) return undefined;
		const known = new Map<string, number>();
		for (const docId of this.#touched) {
			const rows = this.#savedRows.get(docId);
			if (rows !== undefined) known.set(docId, rows);
		}
		return withKnownRows(census, known);
	}

	/**
	 * Pulls and applies page by page. While one page is applied, the next one is already fetched
	 * and decrypted (it starts after the last row of the page being applied); if the apply turns
	 * out stale (another tab moved the cursor), the prefetched page is dropped and pulling restarts
	 * from the stored cursor.
	 */
	async #pullAll(): Promise<void> {
		const { db, transport, pullPage, clock, onApplied } = this.#options;
		this.#census = undefined;
		const start = (await readSyncMeta<number>(db, CURSOR_KEY)) ?? 0;
		const preparing = new ViewPreparing(
			start === 0 || (await db.docUpdates.limit(1).count()) === 0
		);
		const fetchPage = async (after: number) => {
			const page = await transport.pull(after, pullPage);
			const known =
				page.rows.length > 0
					? rowsByClientId(
							db,
							page.rows.map((row) => row.clientId)
						)
					: Promise.resolve(new Map<string, unknown>());
			if (!preparing.on) {
				// Rows this device already has (its own pushes coming back) need no decryption.
				const own = await known;
				const rows = await Promise.all(
					page.rows.map((row) => this.#decrypt(row, own.has(row.clientId)))
				);
				return { after, head: page.head, rows, prepared: undefined };
			}
			// Rows this device already has (its own pushes coming back) are dropped. Looking them up
			// waits for the page being applied to commit (it writes the same table), so the page is
			// decrypted and decoded meanwhile (prepareViews), not after: own rows in a pull are
			// rare, since an acknowledged push moves the cursor without one.
			known.catch(() => undefined);
			const opened = await Promise.all(page.rows.map((row) => this.#decrypt(row, false)));
			const prepared = prepareViews(opened);
			const own = await known;
			const rows = opened.map(({ seq, docId, clientId, kind, payload }) =>
				own.has(clientId) ? { seq, docId, clientId, kind } : { seq, docId, clientId, kind, payload }
			);
			return { after, head: page.head, rows, prepared };
		};
		let next = fetchPage(start);
		for (;;) {
			const page = await next;
			const last = page.rows.at(-1)?.seq;
			if (last === undefined) return;
			const more = last < page.head;
			if (more) next = fetchPage(last);
			// A prefetch that fails while this page is applied is reported by the next await.
			next.catch(() => undefined);
			const result = await applyRemotePage(
				db,
				page.rows,
				page.after,
				clock(),
				undefined,
				page.prepared
			);
			if (!result.stale) preparing.applied(page.prepared);
			for (const docId of result.docIds) this.#savedRows.delete(docId);
			for (const docId of result.docIds) this.#touched.add(docId);
			if (result.docIds.length > 0) onApplied?.(result.docIds);
			if (more) await this.#setStatus({});
			if (result.stale) next = fetchPage((await readSyncMeta<number>(db, CURSOR_KEY)) ?? 0);
			else if (!more) return;
		}
	}

	/**
	 * Ends a run: compacts the docs it touched that have grown many rows (on the relay and locally)
	 * and reports `synced`. Their row counts, the pending count and the cursor come from one
	 * snapshot: the census the run's last write read in its own transaction when it counted every
	 * touched doc, else one read transaction here; a run that pushed nothing and touched no doc
	 * reads nothing, since its cursor is known and its pending count has not changed. Rows still
	 * pending that this tab has not read (another tab left them: it closed, or its push failed)
	 * are pushed by one more run, which reads them all; a run that read them all does not ask
	 * again, so rows that stay pending cannot keep it busy (a failing push backs off in `#fail`).
	 */
	async #finishRun({ pushed, readAll }: PushOutcome): Promise<void> {
		const { db, compactAfterRows, clock } = this.#options;
		const touched = [...this.#touched];
		this.#touched.clear();
		const taken = this.#census;
		this.#census = undefined;
		const synced = { state: 'synced' as const, lastSyncedAt: clock(), error: null };
		if (!pushed && touched.length === 0 && this.#cursor !== undefined) {
			this.#announce({ ...synced, cursor: this.#cursor });
			return;
		}
		const census =
			taken && touched.every((docId) => taken.counted.has(docId))
				? taken
				: await db.transaction('r', db.docUpdates, db.pendingUpdates, db.syncMeta, () =>
						readRunCensus(db, touched, compactAfterRows, { rowsPerDoc: this.#savedRows })
					);
		// Counted. A later save of these docs tells its own count, except one that committed while
		// the census above was read: its count is dropped here too, and the next run counts the doc.
		for (const docId of touched) this.#savedRows.delete(docId);
		const { pending, cursor, rowsPerDoc: counts } = census;
		for (const docId of touched) {
			if ((counts.get(docId) ?? 0) > compactAfterRows) await this.compactDoc(docId);
		}
		this.#announce({ ...synced, pending, cursor });
		// Beyond the saves this tab knows of, the pending rows are another tab's: read them all.
		if (!readAll && pending > (this.#unread?.length ?? 0)) {
			this.#unread = undefined;
			this.#pushWanted = true;
			this.#again = true;
		}
	}

	/**
	 * Uploads the doc's full state as an encrypted snapshot covering every relay row up to the
	 * cursor (all of them are applied here), then merges the local rows the relay already has.
	 */
	async compactDoc(docId: string): Promise<void> {
		const { db, transport, key, workspaceId } = this.#options;
		const upToSeq = (await readSyncMeta<number>(db, CURSOR_KEY)) ?? 0;
		const rows = await docRows(db, docId);
		const table = rows[0]?.table;
		if (!table || upToSeq === 0) return;
		const doc = docFromUpdates(rows.map((row) => row.update));
		const snapshot = snapshotOf(doc);
		doc.destroy();
		const envelope = await sealEnvelope(
			key,
			{ workspaceId, docId, kind: 'snapshot' },
			encodePayload({ table, update: snapshot })
		);
		const clientId = uuidv7();
		const stored = await transport.compact({ clientId, docId, upToSeq, envelope });
		await mergeSyncedRows(
			db,
			docId,
			rows.map((row) => row.seq ?? 0),
			{ clientId, remoteSeq: stored.seq, update: snapshot }
		);
		this.#savedRows.delete(docId);
	}
}
