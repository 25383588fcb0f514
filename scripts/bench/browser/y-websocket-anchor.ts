/**
 * The sync anchor inside the same Chromium: the same invoices as plain, unencrypted Yjs updates
 * through a stock y-websocket server. One room holds the workspace, one Y.Map per invoice with
 * an entry per field (Billfold keeps one doc per record with the same entries). The anchor keeps
 * everything in memory: no IndexedDB, no encryption, nothing durable on the server.
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { benchInvoices } from './bench-invoices';

interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
}

let serverUrl = '';
let room = '';
let count = 0;
let writer: Client | undefined;
let reader: Client | undefined;
let rooms = 0;

function connect(): Client {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(serverUrl, room, doc, { disableBc: true });
	return { doc, provider };
}

function close(client: Client | undefined): void {
	client?.provider.destroy();
	client?.doc.destroy();
}

/** Resolves once `client` holds `expected` invoices. */
function holds(client: Client, expected: number): Promise<void> {
	const invoices = client.doc.getMap('invoices');
	return new Promise((resolve) => {
		const check = () => {
			if (invoices.size < expected) return;
			invoices.unobserve(check);
			resolve();
		};
		invoices.observe(check);
		check();
	});
}

function synced(client: Client): Promise<void> {
	return new Promise((resolve) => {
		if (client.provider.synced) return resolve();
		client.provider.once('sync', (isSynced: boolean) => {
			if (isSynced) resolve();
		});
	});
}

/**
 * Writes `total` invoices, one update each, through a writer; resolves with the time until a
 * second client connected beforehand has received all of them (the server holds them then too).
 */
async function prepareWorkspace(url: string, total: number): Promise<number> {
	serverUrl = url;
	room = `bench-${rooms++}`;
	count = total;
	writer = connect();
	const watcher = connect();
	await Promise.all([synced(writer), synced(watcher)]);
	const invoices = writer.doc.getMap<Y.Map<unknown>>('invoices');
	const started = performance.now();
	const arrived = holds(watcher, total);
	for (let first = 0; first < total; first += 5000) {
		for (const record of benchInvoices(Math.min(5000, total - first), first)) {
			writer.doc.transact(() => {
				const fields = new Y.Map<unknown>();
				for (const [key, value] of Object.entries(record)) {
					if (value !== undefined) fields.set(key, value);
				}
				invoices.set(record.id, fields);
			});
		}
	}
	await arrived;
	close(watcher);
	return performance.now() - started;
}

/** A new client joins the room and receives the whole workspace. */
async function bootstrapDevice(): Promise<number> {
	close(reader);
	const started = performance.now();
	reader = connect();
	await synced(reader);
	await holds(reader, count);
	return performance.now() - started;
}

/** The writer changes one entry; the clock stops when the reader has applied it. */
async function propagation(samples: number): Promise<number[]> {
	if (!writer || !reader) throw new Error('bootstrap a client first');
	const target = reader.doc.getMap('latency');
	const source = writer.doc.getMap('latency');
	const times: number[] = [];
	for (let i = 0; i < samples; i++) {
		const key = `change-${i}`;
		const arrived = new Promise<void>((resolve) => {
			const check = () => {
				if (!target.has(key)) return;
				target.unobserve(check);
				resolve();
			};
			target.observe(check);
		});
		const started = performance.now();
		source.set(key, { name: `Latency ${i} BV`, email: `latency${i}@example.be` });
		await arrived;
		times.push(performance.now() - started);
	}
	return times;
}

/** The writer makes `total` changes back to back; resolves with changes per second end to end. */
async function appendThroughput(total: number): Promise<number> {
	if (!writer || !reader) throw new Error('bootstrap a client first');
	const target = reader.doc.getMap('appends');
	const source = writer.doc.getMap('appends');
	const prefix = `run-${performance.now()}-`;
	let seen = 0;
	const arrived = new Promise<void>((resolve) => {
		const count = (event: Y.YMapEvent<unknown>) => {
			for (const key of event.keysChanged) if (key.startsWith(prefix)) seen++;
			if (seen < total) return;
			target.unobserve(count);
			resolve();
		};
		target.observe(count);
	});
	const started = performance.now();
	for (let i = 0; i < total; i++) {
		source.set(`${prefix}${i}`, { name: `Append ${i} BV`, email: `append${i}@example.be` });
	}
	await arrived;
	return total / ((performance.now() - started) / 1000);
}

function stopAll(): void {
	close(reader);
	close(writer);
	reader = undefined;
	writer = undefined;
}

export const yWebsocketAnchor = {
	prepareWorkspace,
	bootstrapDevice,
	propagation,
	appendThroughput,
	stopAll
};
