/**
 * Billfold's side of the sync bench, inside Chromium: real IndexedDB, WebCrypto and the app's
 * sync engine against the real relay (this page is served by it, so the API is same-origin).
 * Device A holds the workspace; each bootstrap pairs a fresh device B by link, the way a user
 * does, and times it until B has pulled and projected everything.
 */
import { contactSchema } from '$lib/contacts';
import { buildContact } from '../../../tests/factories/contact-factory';
import { benchInvoices } from './bench-invoices';
import { createDocCapture } from '$lib/sync/doc-capture';
import {
	bulkPutInvoices,
	ContactsRepo,
	deleteSyncMeta,
	SEEDED_KEY,
	setChangeCapture,
	openDb,
	type BillfoldDb
} from '$lib/storage';
import {
	createPairingLink,
	HttpSyncTransport,
	joinWithInvite,
	loadSyncRuntime,
	parsePairingFragment,
	readSyncSetup,
	turnSyncOn,
	type SyncRuntime
} from '$lib/sync';
import type { RelayCredentials } from '$lib/relay';
import { watchSaveQueue, type SaveQueue } from './save-queue';
import { startTrace, type Span, type Tracer } from './sync-trace';

interface Device {
	db: BillfoldDb;
	credentials: RelayCredentials;
	transport: HttpSyncTransport;
	runtime: SyncRuntime;
	applied: Set<(docIds: readonly string[]) => void>;
}

/** Argon2 is not what this bench measures; the app itself keeps 64 MiB × 3. */
const argon2 = { memoryKiB: 8192, iterations: 1, parallelism: 1 };
const SEED_BATCH = 5000;
let databases = 0;
let laptop: (Device & { rawKey: Uint8Array; count: number }) | undefined;
let phone: Device | undefined;

async function start(db: BillfoldDb, tracer?: Tracer): Promise<Device> {
	const stored = await readSyncSetup(db);
	if (!stored) throw new Error('sync was not set up');
	const transport = new HttpSyncTransport(stored.setup.credentials);
	tracer?.watch(transport);
	const applied = new Set<(docIds: readonly string[]) => void>();
	const { startSyncRuntime } = await loadSyncRuntime();
	const runtime = await startSyncRuntime({
		db,
		transport,
		workspaceId: stored.setup.credentials.workspaceId,
		key: stored.key,
		onApplied: (docIds) => {
			for (const listener of applied) listener(docIds);
		}
	});
	return { db, credentials: stored.setup.credentials, transport, runtime, applied };
}

/** Syncs until the device has pushed everything and pulled up to the relay's head. */
async function settle(device: Device): Promise<void> {
	for (let round = 0; round < 100; round++) {
		await device.runtime.engine.syncNow();
		const head = (await device.transport.pull(0, 1)).head;
		const { pending, cursor, error } = device.runtime.engine.status;
		if (error) throw new Error(`sync failed: ${error}`);
		if (pending === 0 && cursor === head) return;
	}
	throw new Error(`device did not settle: ${JSON.stringify(device.runtime.engine.status)}`);
}

async function close(device: Device): Promise<void> {
	await device.runtime.stop();
	device.db.close();
	await device.db.delete();
}

/** Fills device A with `count` invoices, turns sync on and uploads; resolves with the upload time. */
async function prepareWorkspace(
	inviteToken: string,
	count: number,
	tracer?: Tracer
): Promise<number> {
	const db = openDb(`bench-sync-laptop-${databases++}`);
	for (let first = 0; first < count; first += SEED_BATCH) {
		await bulkPutInvoices(db, benchInvoices(Math.min(SEED_BATCH, count - first), first));
	}
	const started = performance.now();
	const turned = await turnSyncOn(
		db,
		{
			relayUrl: location.origin,
			deviceName: 'laptop',
			passphrase: 'bench passphrase',
			inviteToken
		},
		{ argon2 }
	);
	const device = await start(db, tracer);
	await settle(device);
	laptop = { ...device, rawKey: turned.rawKey, count };
	return performance.now() - started;
}

/** A new device joins by link and pulls the workspace; resolves with the time from join to done. */
async function bootstrapDevice(tracer?: Tracer): Promise<number> {
	if (!laptop) throw new Error('prepare the workspace first');
	if (phone) await close(phone);
	phone = undefined;
	const { link } = await createPairingLink(
		laptop.db,
		laptop.credentials,
		location.origin,
		{ rawKey: laptop.rawKey },
		{ argon2 }
	);
	const invite = parsePairingFragment(new URL(link).hash);
	if (!invite) throw new Error('not a pairing link');
	const db = openDb(`bench-sync-phone-${databases++}`);
	const started = performance.now();
	await joinWithInvite(db, invite, { deviceName: 'phone' }, { argon2 });
	const device = await start(db, tracer);
	await settle(device);
	const elapsed = performance.now() - started;
	phone = device;
	const [invoices, summaries] = await Promise.all([
		db.invoices.count(),
		db.invoiceSummaries.count()
	]);
	if (invoices !== laptop.count || summaries !== laptop.count) {
		throw new Error(`bootstrap incomplete: ${invoices} invoices, ${summaries} overview rows`);
	}
	return elapsed;
}

/**
 * A saves a contact; the clock stops when B has applied it to its IndexedDB. One change at a
 * time, `samples` times, with both devices holding the bootstrapped workspace.
 */
async function propagation(samples: number): Promise<number[]> {
	if (!laptop || !phone) throw new Error('bootstrap a device first');
	const receiver = phone;
	const store = new ContactsRepo(laptop.db, contactSchema);
	const times: number[] = [];
	for (let i = 0; i < samples; i++) {
		const id = crypto.randomUUID();
		const contact = buildContact({ id, name: `Latency ${i} BV` });
		let listener: ((docIds: readonly string[]) => void) | undefined;
		const arrived = new Promise<void>((resolve) => {
			listener = (docIds) => {
				if (docIds.includes(id)) resolve();
			};
			receiver.applied.add(listener);
		});
		const started = performance.now();
		await store.put(contact, new Date().toISOString());
		await arrived;
		times.push(performance.now() - started);
		if (listener) receiver.applied.delete(listener);
	}
	return times;
}

/**
 * A saves `total` contacts back to back, each in its own transaction as the app saves them; the
 * clock stops when B has applied the last one. Resolves with changes per second end to end.
 */
async function appendThroughput(total: number): Promise<number> {
	if (!laptop || !phone) throw new Error('bootstrap a device first');
	const receiver = phone;
	const store = new ContactsRepo(laptop.db, contactSchema);
	const batch = Array.from({ length: total }, (_, i) =>
		buildContact({ id: crypto.randomUUID(), name: `Append ${i} BV` })
	);
	const waiting = new Set(batch.map((contact) => contact.id));
	let listener: ((docIds: readonly string[]) => void) | undefined;
	const arrived = new Promise<void>((resolve) => {
		listener = (docIds) => {
			for (const id of docIds) waiting.delete(id);
			if (waiting.size === 0) resolve();
		};
		receiver.applied.add(listener);
	});
	const started = performance.now();
	for (const contact of batch) await store.put(contact, new Date().toISOString());
	await arrived;
	const seconds = (performance.now() - started) / 1000;
	if (listener) receiver.applied.delete(listener);
	return total / seconds;
}

/**
 * What one propagated change costs in round trips, whatever the machine's load: IndexedDB
 * transactions on both devices and requests to the relay (HTTP, or a push over the events socket),
 * averaged over `samples` changes.
 * Each change is counted from A's save until B has applied it and both engines are idle.
 */
async function roundTrips(samples: number): Promise<{ transactions: number; requests: number }> {
	if (!laptop || !phone) throw new Error('bootstrap a device first');
	const devices = [laptop, phone];
	const idle = () => Promise.all(devices.map((device) => device.runtime.engine.syncNow()));
	await idle();
	const counts = { transactions: 0, requests: 0 };
	// Dexie bound IDBDatabase.transaction when it opened; its DBCore is where every one starts.
	const cores = devices.map((device) => {
		const core = device.db.core;
		const transaction = core.transaction;
		core.transaction = (...args) => {
			counts.transactions++;
			return transaction.apply(core, args);
		};
		return { core, transaction };
	});
	const originalFetch = window.fetch;
	window.fetch = (...args) => {
		counts.requests++;
		return originalFetch(...args);
	};
	// A push goes over the events socket while it is open: its binary message is a request too.
	const originalSend = WebSocket.prototype.send;
	WebSocket.prototype.send = function (this: WebSocket, data) {
		if (typeof data !== 'string') counts.requests++;
		originalSend.call(this, data);
	};
	try {
		await propagation(samples);
		await idle();
	} finally {
		WebSocket.prototype.send = originalSend;
		for (const { core, transaction } of cores) core.transaction = transaction;
		window.fetch = originalFetch;
	}
	return { transactions: counts.transactions / samples, requests: counts.requests / samples };
}

/**
 * `propagation`, while counting how many of A's saves queued behind A's own earlier
 * transactions (its acknowledgement of the previous change, say) and for how long at most.
 */
async function propagationQueue(
	samples: number
): Promise<{ latencies: number[]; queue: SaveQueue }> {
	if (!laptop) throw new Error('bootstrap a device first');
	// A's saves write contacts; its applies (its own rows pulled back) write them with the cursor.
	const stop = watchSaveQueue(
		laptop.db,
		(stores) => stores.includes('contacts') && !stores.includes('syncMeta')
	);
	const latencies = await propagation(samples).catch((error: unknown) => {
		stop();
		throw error;
	});
	return { latencies, queue: stop() };
}

/** Milliseconds after A's save began, per stage of one propagated change (median over samples). */
export type PropagationStages = Record<string, number>;

/**
 * Where one propagated change spends its time: the median, over `samples` changes made one at a
 * time, of when each stage was reached after A's save began: A's save transaction committed and
 * the save resolved, A's push sent and answered, A's acknowledgement committed, B's run began
 * (the poke woke it), B's apply transaction began and committed, B reported the change applied.
 */
async function propagationStages(samples: number): Promise<PropagationStages> {
	if (!laptop || !phone) throw new Error('bootstrap a device first');
	const [sender, receiver] = [laptop, phone];
	const store = new ContactsRepo(sender.db, contactSchema);
	let started = 0;
	let marks: Record<string, number> = {};
	const mark = (stage: string) => {
		marks[stage] ??= performance.now() - started;
	};
	const undo: (() => void)[] = [];
	let applying: IDBTransaction | undefined;
	for (const [name, device] of [
		['A', sender],
		['B', receiver]
	] as const) {
		const core = device.db.core;
		const transaction = core.transaction;
		core.transaction = (stores, mode, options) => {
			const created = transaction.call(core, stores, mode, options);
			if (mode !== 'readwrite') return created;
			const which = stores.includes('contacts')
				? name === 'A'
					? 'save'
					: 'apply'
				: stores.includes('syncMeta')
					? 'ack'
					: [...stores].sort().join(',');
			mark(`${name} ${which} transaction begun`);
			if (name === 'B' && which === 'apply') applying = created as unknown as IDBTransaction;
			// Right above IndexedDB the DBCore transaction is the IDBTransaction itself.
			(created as Partial<EventTarget>).addEventListener?.('complete', () =>
				mark(`${name} ${which} transaction committed`)
			);
			return created;
		};
		undo.push(() => (core.transaction = transaction));
	}
	// B's apply between its transaction's begin and commit: when its reads are answered and its
	// writes issued (the first of each), watched on IndexedDB itself, below Dexie's cached cores.
	const proto = IDBObjectStore.prototype;
	const patched = {
		get: proto.get,
		getAll: proto.getAll,
		count: proto.count,
		openCursor: proto.openCursor,
		add: proto.add,
		put: proto.put,
		delete: proto.delete
	};
	const watch = <K extends keyof typeof patched>(name: K, write: boolean) => {
		const original = patched[name] as (...args: unknown[]) => IDBRequest;
		(proto as unknown as Record<K, unknown>)[name] = function (
			this: IDBObjectStore,
			...args: unknown[]
		) {
			const request = original.apply(this, args);
			if (this.transaction === applying) {
				if (write) mark('B apply writes issued');
				else request.addEventListener('success', () => mark('B apply reads answered'));
			}
			return request;
		};
	};
	for (const name of ['get', 'getAll', 'count', 'openCursor'] as const) watch(name, false);
	for (const name of ['add', 'put', 'delete'] as const) watch(name, true);
	undo.push(() => Object.assign(proto, patched));
	undo.push(
		receiver.runtime.engine.subscribe((status) => {
			if (started > 0 && status.state === 'syncing') mark('B run begun');
		})
	);
	// A push goes over the events socket while it is open, and fetch sees none of it.
	const transport = sender.transport;
	const push = transport.push;
	transport.push = async (rows) => {
		mark('A push sent');
		const acks = await push.call(transport, rows);
		mark('A push answered');
		return acks;
	};
	undo.push(() => (transport.push = push));
	const originalFetch = window.fetch;
	window.fetch = async (...args) => {
		const url = String(args[0] instanceof Request ? args[0].url : args[0]);
		const kind = url.includes('/sync/push')
			? 'push'
			: url.includes('/sync/pull')
				? 'pull'
				: 'request';
		mark(`A ${kind} sent`);
		const response = await originalFetch(...args);
		mark(`A ${kind} answered`);
		return response;
	};
	undo.push(() => (window.fetch = originalFetch));
	const all: Record<string, number[]> = {};
	try {
		for (let i = 0; i < samples; i++) {
			const id = crypto.randomUUID();
			const contact = buildContact({ id, name: `Stage ${i} BV` });
			const arrived = new Promise<void>((resolve) => {
				const listener = (docIds: readonly string[]) => {
					if (!docIds.includes(id)) return;
					mark('B applied');
					receiver.applied.delete(listener);
					resolve();
				};
				receiver.applied.add(listener);
			});
			marks = {};
			started = performance.now();
			await store.put(contact, new Date().toISOString());
			mark('A save resolved');
			await arrived;
			// Let both engines finish the change, so the next one starts from idle.
			await Promise.all([sender, receiver].map((device) => device.runtime.engine.syncNow()));
			started = 0;
			for (const [stage, ms] of Object.entries(marks)) (all[stage] ??= []).push(ms);
		}
	} finally {
		for (const step of undo) step();
	}
	const median = (values: number[]) => {
		const sorted = [...values].sort((a, b) => a - b);
		return Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 10) / 10;
	};
	return Object.fromEntries(
		Object.entries(all)
			.map(([stage, values]) => [`${stage} (${values.length}×)`, median(values)] as const)
			.sort((a, b) => a[1] - b[1])
	);
}

/**
 * Which parts of sync run while A saves (scripts/bench/profile-saves.ts): `sync` everything;
 * `sender-only` B's runtime stopped first; `capture-only` A's runtime stopped too, then only the
 * change capture put back (Yjs rows, no engine); `plain` a fresh database without sync. The floor
 * under them, on a fresh database too: `bare` one Dexie `put` of the same contact row in its own
 * transaction (no read of the record it replaces), `idb` the same put straight on IndexedDB,
 * awaited until its transaction completes. The later variants stop runtimes for good, so run them
 * in this order.
 */
export type SaveVariant = 'sync' | 'sender-only' | 'capture-only' | 'plain' | 'bare' | 'idb';

export interface SaveCost {
	msPerSave: number;
	p50: number;
	p90: number;
	max: number;
	/** Engine runs and IndexedDB transactions on A and B, HTTP requests of both. */
	runs: [number, number];
	transactions: [number, number];
	requests: number;
	/** Mean time from a transaction's creation to its `complete`, by device, mode and stores. */
	transactionMs: Record<string, number>;
	/**
	 * IndexedDB requests per save on both devices (a count that does not depend on the load), by
	 * store, index and method; `cursor.continue` counts each step of a cursor.
	 */
	requestsPerSave: Record<string, number>;
}

/**
 * Counts every IndexedDB request the page makes until the returned function is called: each is
 * a round trip to the browser's IndexedDB backend. Dexie calls these methods on the store and
 * index objects, so patching their prototypes sees all of them.
 */
function countIdbRequests(counts: Map<string, number>): () => void {
	const undo: (() => void)[] = [];
	const patch = <P extends object>(
		proto: P,
		methods: readonly string[],
		label: (target: P, method: string) => string
	) => {
		for (const method of methods) {
			const record = proto as unknown as Record<string, unknown>;
			const original = record[method];
			if (typeof original !== 'function') continue;
			record[method] = function (this: P, ...args: unknown[]) {
				const key = label(this, method);
				counts.set(key, (counts.get(key) ?? 0) + 1);
				return (original as (...a: unknown[]) => unknown).apply(this, args);
			};
			undo.push(() => (record[method] = original));
		}
	};
	const reads = ['get', 'getKey', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor'];
	patch(
		IDBObjectStore.prototype,
		[...reads, 'put', 'add', 'delete', 'clear'],
		(store, method) => `${store.name}.${method}`
	);
	patch(
		IDBIndex.prototype,
		reads,
		(index, method) => `${index.objectStore.name}[${index.name}].${method}`
	);
	patch(
		IDBCursor.prototype,
		['continue', 'advance', 'continuePrimaryKey'],
		(_, method) => `cursor.${method}`
	);
	return () => {
		for (const step of undo) step();
	};
}

/** One save as the floor variants make it: a single put, no read first, no capture. */
async function bareSave(db: BillfoldDb, variant: 'bare' | 'idb', id: string, name: string) {
	const contact = buildContact({ id, name });
	const now = new Date().toISOString();
	const row = {
		id,
		schemaVersion: 1,
		createdAt: now,
		updatedAt: now,
		name: contact.name,
		archived: contact.archived ? 1 : 0,
		data: contact
	};
	if (variant === 'bare') {
		await db.contacts.put(row as never);
		return;
	}
	const idb = db.backendDB();
	await new Promise<void>((resolve, reject) => {
		const transaction = idb.transaction('contacts', 'readwrite');
		transaction.objectStore('contacts').put(row);
		transaction.oncomplete = () => resolve();
		transaction.onerror = () => reject(transaction.error);
		transaction.onabort = () => reject(transaction.error);
	});
}

/** Times `total` awaited saves on A and counts what sync did meanwhile. */
async function saveCost(total: number, variant: SaveVariant): Promise<SaveCost> {
	if (!laptop) throw new Error('prepare the workspace first');
	if (variant !== 'sync') await phone?.runtime.stop();
	if (variant === 'capture-only' || variant === 'plain') await laptop.runtime.stop();
	if (variant === 'capture-only')
		setChangeCapture(
			laptop.db,
			createDocCapture(() => undefined)
		);
	const fresh = variant === 'plain' || variant === 'bare' || variant === 'idb';
	const db = fresh ? openDb(`bench-sync-plain-${databases++}`) : laptop.db;
	if (fresh) await db.open();
	const devices = fresh ? [] : [laptop, phone];
	const runs: [number, number] = [0, 0];
	const transactions: [number, number] = [0, 0];
	const durations = new Map<string, { count: number; ms: number }>();
	const undo: (() => void)[] = [];
	devices.forEach((device, index) => {
		if (!device) return;
		const side = index === 0 ? 0 : 1;
		undo.push(
			device.runtime.engine.subscribe((status) => {
				if (status.state === 'syncing') runs[side]++;
			})
		);
		const core = device.db.core;
		const transaction = core.transaction;
		core.transaction = (stores, mode, options) => {
			transactions[side]++;
			const started = performance.now();
			const created = transaction.call(core, stores, mode, options);
			const key = `${side === 0 ? 'A' : 'B'} ${mode} ${[...stores].sort().join(',')}`;
			// Right above IndexedDB the DBCore transaction is the IDBTransaction itself.
			(created as Partial<EventTarget>).addEventListener?.('complete', () => {
				const entry = durations.get(key) ?? { count: 0, ms: 0 };
				entry.count++;
				entry.ms += performance.now() - started;
				durations.set(key, entry);
			});
			return created;
		};
		undo.push(() => (core.transaction = transaction));
	});
	let requests = 0;
	const originalFetch = window.fetch;
	window.fetch = (...args) => {
		requests++;
		return originalFetch(...args);
	};
	undo.push(() => (window.fetch = originalFetch));
	const store = new ContactsRepo(db, contactSchema);
	const times: number[] = [];
	const idbRequests = new Map<string, number>();
	undo.push(countIdbRequests(idbRequests));
	try {
		for (let i = 0; i < total; i++) {
			const id = crypto.randomUUID();
			if (variant === 'bare' || variant === 'idb') {
				const started = performance.now();
				await bareSave(db, variant, id, `Cost ${i} BV`);
				times.push(performance.now() - started);
				continue;
			}
			const contact = buildContact({ id, name: `Cost ${i} BV` });
			const started = performance.now();
			await store.put(contact, new Date().toISOString());
			times.push(performance.now() - started);
		}
	} finally {
		for (const step of undo) step();
		if (fresh) {
			db.close();
			await db.delete();
		}
	}
	times.sort((a, b) => a - b);
	const at = (share: number) =>
		times[Math.min(times.length - 1, Math.floor(share * times.length))] ?? 0;
	return {
		msPerSave: times.reduce((sum, ms) => sum + ms, 0) / total,
		p50: at(0.5),
		p90: at(0.9),
		max: at(1),
		runs,
		transactions,
		requests,
		transactionMs: Object.fromEntries(
			[...durations].map(([key, { count, ms }]) => [`${key} (${count}×)`, ms / count])
		),
		requestsPerSave: Object.fromEntries(
			[...idbRequests].sort((a, b) => b[1] - a[1]).map(([key, count]) => [key, count / total])
		)
	};
}

/** A run's time and its spans (sync-trace.ts), relative to the run's start. */
export interface Traced {
	ms: number;
	spans: Span[];
}

async function traced(run: (tracer: Tracer) => Promise<number>): Promise<Traced> {
	const tracer = startTrace();
	const origin = performance.now();
	let spans: Span[] = [];
	let ms: number;
	try {
		ms = await run(tracer);
	} finally {
		spans = tracer.stop();
	}
	const at = (time: number) => (time === 0 ? 0 : time - origin);
	return {
		ms,
		spans: spans.map((span) =>
			span.kind === 'idb'
				? {
						...span,
						start: at(span.start),
						end: at(span.end),
						firstRequest: at(span.firstRequest),
						lastRequest: at(span.lastRequest)
					}
				: { ...span, start: at(span.start), end: at(span.end) }
		)
	};
}

export interface RestartCost {
	/** Cursor steps (`IDBCursor.continue`) while startSyncRuntime ran: one per doc a walk visits. */
	steps: number;
	/** Wall time of the start, ms: what the overview waits on, and what the load moves. */
	ms: number;
}

/**
 * Stops and starts sync on device A, as each app start does, and counts what the start costs.
 * `walk`: the seeded mark is deleted first, so the start walks every record as every start did
 * before the mark (seed-docs.ts) existed.
 */
async function restartCost(walk: boolean): Promise<RestartCost> {
	if (!laptop) throw new Error('prepare the workspace first');
	await laptop.runtime.stop();
	if (walk) await deleteSyncMeta(laptop.db, SEEDED_KEY);
	const proto = IDBCursor.prototype;
	const original = proto.continue;
	let steps = 0;
	proto.continue = function (this: IDBCursor, key?: IDBValidKey) {
		steps++;
		return original.call(this, key);
	};
	let ms: number;
	try {
		const started = performance.now();
		const device = await start(laptop.db);
		ms = performance.now() - started;
		laptop = { ...laptop, ...device };
	} finally {
		proto.continue = original;
	}
	await settle(laptop);
	return { steps, ms };
}

async function stopAll(): Promise<void> {
	for (const device of [phone, laptop]) if (device) await close(device);
	phone = undefined;
	laptop = undefined;
}

export const syncBench = {
	prepareWorkspace,
	bootstrapDevice,
	traceUpload: (inviteToken: string, count: number) =>
		traced((tracer) => prepareWorkspace(inviteToken, count, tracer)),
	traceBootstrap: () => traced((tracer) => bootstrapDevice(tracer)),
	/** The first device's token, for timing the relay's pull pages from Node. */
	credentials: (): RelayCredentials | undefined => laptop?.credentials,
	propagation,
	propagationQueue,
	appendThroughput,
	roundTrips,
	propagationStages,
	saveCost,
	restartCost,
	stopAll
};
