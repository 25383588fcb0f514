/**
 * Timestamps of a sync run's critical path, for scripts/bench/trace-sync.ts: every pull and push
 * (request → answer, rows, bytes), every WebCrypto seal and open, every IndexedDB transaction
 * (created, first and last request issued, completed) and the main thread's long tasks. It
 * patches the page's globals and one transport instance while it runs; bench code only.
 */
import type { HttpSyncTransport } from '$lib/sync';

export type Span =
	| { kind: 'pull' | 'push'; start: number; end: number; rows: number; bytes: number }
	| { kind: 'encrypt' | 'decrypt'; start: number; end: number }
	| {
			kind: 'idb';
			start: number;
			end: number;
			mode: string;
			stores: string;
			requests: number;
			firstRequest: number;
			lastRequest: number;
	  }
	| { kind: 'longtask'; start: number; end: number };

export interface Tracer {
	/** Patches the transport's pull and push (call before the engine starts). */
	watch(transport: HttpSyncTransport): void;
	stop(): Span[];
}

interface Open {
	start: number;
	mode: string;
	stores: string;
	requests: number;
	firstRequest: number;
	lastRequest: number;
}

const REQUESTS = ['put', 'add', 'get', 'getAll', 'getAllKeys', 'count', 'delete', 'clear'];
const CURSORS = ['openCursor', 'openKeyCursor'];

export function startTrace(): Tracer {
	const spans: Span[] = [];
	const undo: (() => void)[] = [];
	const open = new WeakMap<IDBTransaction, Open>();

	const subtle = crypto.subtle;
	for (const name of ['encrypt', 'decrypt'] as const) {
		const original = subtle[name];
		subtle[name] = function (...args: Parameters<SubtleCrypto['encrypt']>) {
			const start = performance.now();
			const result = original.apply(subtle, args);
			void result.then(
				() => spans.push({ kind: name, start, end: performance.now() }),
				() => undefined
			);
			return result;
		};
		undo.push(() => (subtle[name] = original));
	}

	const transaction = IDBDatabase.prototype.transaction;
	IDBDatabase.prototype.transaction = function (
		this: IDBDatabase,
		...args: Parameters<IDBDatabase['transaction']>
	) {
		const created = transaction.apply(this, args);
		const entry: Open = {
			start: performance.now(),
			mode: created.mode,
			stores: [...created.objectStoreNames].sort().join(','),
			requests: 0,
			firstRequest: 0,
			lastRequest: 0
		};
		open.set(created, entry);
		const done = () => spans.push({ kind: 'idb', ...entry, end: performance.now() });
		created.addEventListener('complete', done);
		created.addEventListener('abort', done);
		return created;
	};
	undo.push(() => (IDBDatabase.prototype.transaction = transaction));

	const count = (tx: IDBTransaction) => {
		const entry = open.get(tx);
		if (!entry) return;
		const now = performance.now();
		if (entry.requests === 0) entry.firstRequest = now;
		entry.lastRequest = now;
		entry.requests++;
	};
	for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
		for (const name of [...REQUESTS, ...CURSORS]) {
			const target = proto as unknown as Record<string, unknown>;
			const original = target[name];
			if (typeof original !== 'function') continue;
			target[name] = function (this: IDBObjectStore | IDBIndex, ...args: unknown[]) {
				const store = this instanceof IDBIndex ? this.objectStore : this;
				count(store.transaction);
				return (original as (...a: unknown[]) => unknown).apply(this, args);
			};
			undo.push(() => (target[name] = original));
		}
	}

	// A cursor's every step is a round trip to IndexedDB: counted with the transaction's requests.
	for (const name of ['continue', 'advance', 'continuePrimaryKey'] as const) {
		const original = IDBCursor.prototype[name] as (...a: unknown[]) => void;
		const target = IDBCursor.prototype as unknown as Record<string, unknown>;
		target[name] = function (this: IDBCursor, ...args: unknown[]) {
			const source = this.source;
			count(source instanceof IDBIndex ? source.objectStore.transaction : source.transaction);
			original.apply(this, args);
		};
		undo.push(() => (target[name] = original));
	}

	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries())
			spans.push({
				kind: 'longtask',
				start: entry.startTime,
				end: entry.startTime + entry.duration
			});
	});
	observer.observe({ type: 'longtask' });
	undo.push(() => observer.disconnect());

	return {
		watch(transport) {
			const pull = transport.pull.bind(transport);
			const push = transport.push.bind(transport);
			transport.pull = async (after, limit) => {
				const start = performance.now();
				const page = await pull(after, limit);
				const bytes = page.rows.reduce((sum, row) => sum + row.envelope.byteLength, 0);
				spans.push({ kind: 'pull', start, end: performance.now(), rows: page.rows.length, bytes });
				return page;
			};
			transport.push = async (rows) => {
				const start = performance.now();
				const acks = await push(rows);
				const bytes = rows.reduce((sum, row) => sum + row.envelope.byteLength, 0);
				spans.push({ kind: 'push', start, end: performance.now(), rows: rows.length, bytes });
				return acks;
			};
		},
		stop() {
			for (const step of undo) step();
			return spans.sort((a, b) => a.start - b.start);
		}
	};
}
