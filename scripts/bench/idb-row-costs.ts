/**
 * `npx tsx scripts/bench/idb-row-costs.ts [invoices] [rounds] [bundle]`: what each IndexedDB row
 * of a new device's bootstrap costs Chromium, by process kind (the renderer runs the app and
 * serializes values, the browser process runs IndexedDB's backend). It fills a workspace with
 * the sync bench's invoices, reads back the rows the first device stored (the update rows, the
 * invoice rows, the overview rows: what a bootstrap writes), then writes them again into fresh
 * databases in variants that differ in one thing (which stores, their indexes, the form of the
 * invoice row's `data`), in transactions of 1,000 invoices as the pull's pages. The variants take
 * turns in each round, so the load moves them alike; CPU ms per invoice, not wall time.
 */
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { launchBrowser } from './browser';
import { descendantCpu } from './descendant-cpu';
import { openSyncPage, startSyncRelay, SYNC_INVITE } from './sync-bench-page';

const invoices = Number(process.argv[2] ?? 3000);
const rounds = Number(process.argv[3] ?? 3);
const bundle =
	process.argv[4] ??
	fileURLToPath(new URL('../../node_modules/.cache/billfold-bench', import.meta.url));

/** A store of a variant: its key, its indexes (name, key path, unique), the rows it gets. */
interface StoreSpec {
	name: string;
	keyPath: string;
	autoIncrement?: boolean;
	indexes: [string, string | string[], boolean][];
	rows: 'updates' | 'updates-tiny' | 'invoices' | 'invoices-json' | 'summaries' | 'merged';
}

const UPDATES: StoreSpec = {
	name: 'docUpdates',
	keyPath: 'seq',
	autoIncrement: true,
	indexes: [
		['[docId+seq]', ['docId', 'seq'], false],
		['clientId', 'clientId', true]
	],
	rows: 'updates'
};
const INVOICES: StoreSpec = {
	name: 'invoices',
	keyPath: 'id',
	indexes: [
		['contactId', 'contactId', false],
		['documentType', 'documentType', false],
		['updatedAt', 'updatedAt', false]
	],
	rows: 'invoices'
};
const SUMMARIES: StoreSpec = {
	name: 'invoiceSummaries',
	keyPath: 'id',
	indexes: [
		['issueDate', 'issueDate', false],
		['updatedAt', 'updatedAt', false],
		['correctsId', 'correctsId', false]
	],
	rows: 'summaries'
};
/** The variant that writes today's rows in one transaction for all invoices, not one per 1,000. */
const ONE_TRANSACTION = 'today, one transaction for all';
const bare = (spec: StoreSpec): StoreSpec => ({ ...spec, indexes: [] });

const variants: Record<string, StoreSpec[]> = {
	'today (3 rows, 8 index entries)': [UPDATES, INVOICES, SUMMARIES],
	'data as a JSON string': [UPDATES, { ...INVOICES, rows: 'invoices-json' }, SUMMARIES],
	'no indexes': [bare(UPDATES), bare(INVOICES), bare(SUMMARIES)],
	'update rows only': [UPDATES],
	'invoice rows only': [INVOICES],
	'overview rows only': [SUMMARIES],
	'update rows only, 16-byte updates': [{ ...UPDATES, rows: 'updates-tiny' }],
	'one row per invoice (all three in it)': [{ ...INVOICES, rows: 'merged' }],
	[ONE_TRANSACTION]: [UPDATES, INVOICES, SUMMARIES]
};

const browser = await launchBrowser();
const relay = await startSyncRelay(bundle);
try {
	const { page } = await openSyncPage(browser, relay);
	// tsx names the functions inside the evaluated callbacks with a helper the page lacks.
	await page.evaluate('globalThis.__name = (fn) => fn');
	page.on('console', (message) => {
		if (message.text().startsWith('rows: ')) console.log(message.text());
	});
	await page.evaluate(
		([invite, count]) => window.billfoldBench.sync.prepareWorkspace(invite, count),
		[SYNC_INVITE, invoices] as const
	);
	// The first device's rows, kept in the page for every variant.
	await page.evaluate(async () => {
		const names = (await indexedDB.databases()).map((db) => db.name ?? '');
		const name = names.find((db) => db.startsWith('bench-sync-laptop-'));
		if (!name) throw new Error('no laptop database');
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open(name);
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const all = (store: string) =>
			new Promise<unknown[]>((resolve, reject) => {
				const request = db.transaction(store).objectStore(store).getAll();
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
		const [updates, rows, summaries] = await Promise.all([
			all('docUpdates'),
			all('invoices'),
			all('invoiceSummaries')
		]);
		db.close();
		(globalThis as unknown as { rowCosts: unknown }).rowCosts = {
			updates: updates.map((row) => {
				const { seq: _seq, ...rest } = row as { seq: number };
				return { ...rest, origin: 'remote' };
			}),
			invoices: rows,
			'invoices-json': rows.map((row) => {
				const { data, ...rest } = row as { data: unknown };
				return { ...rest, data: JSON.stringify(data) };
			}),
			summaries,
			'updates-tiny': updates.map((row) => {
				const { seq: _seq, ...rest } = row as { seq: number };
				return { ...rest, origin: 'remote', update: new Uint8Array(16) };
			}),
			merged: rows.map((row, index) => ({
				...(row as object),
				summary: summaries[index],
				update: (updates[index] as { update: Uint8Array }).update
			}))
		};
		const bytes = (rows: unknown[]) => new Blob([JSON.stringify(rows)]).size / rows.length;
		const updateBytes =
			updates.reduce((sum: number, row) => sum + (row as { update: Uint8Array }).update.length, 0) /
			updates.length;
		console.log(
			`rows: ${updates.length} updates (${updateBytes.toFixed(0)} bytes of update each), invoice rows ~${bytes(rows).toFixed(0)} B of JSON, overview rows ~${bytes(summaries).toFixed(0)} B`
		);
	});
	const totals = new Map<string, Map<string, number>>();
	for (let round = 0; round < rounds; round++) {
		for (const [label, stores] of Object.entries(variants)) {
			const before = descendantCpu();
			await page.evaluate(
				async ([stores, name, pageSize]) => {
					const rows = (globalThis as unknown as { rowCosts: Record<string, unknown[]> }).rowCosts;
					const db = await new Promise<IDBDatabase>((resolve, reject) => {
						const request = indexedDB.open(name, 1);
						request.onupgradeneeded = () => {
							for (const spec of stores) {
								const store = request.result.createObjectStore(spec.name, {
									keyPath: spec.keyPath,
									autoIncrement: spec.autoIncrement ?? false
								});
								for (const [index, path, unique] of spec.indexes) {
									store.createIndex(index, path, { unique });
								}
							}
						};
						request.onsuccess = () => resolve(request.result);
						request.onerror = () => reject(request.error);
					});
					const count = rows.invoices?.length ?? 0;
					for (let first = 0; first < count; first += pageSize) {
						const tx = db.transaction(
							stores.map((spec) => spec.name),
							'readwrite'
						);
						for (const spec of stores) {
							const store = tx.objectStore(spec.name);
							const page = (rows[spec.rows] ?? []).slice(first, first + pageSize);
							for (const row of page) {
								if (spec.autoIncrement) store.add(row);
								else store.put(row);
							}
						}
						await new Promise<void>((resolve, reject) => {
							tx.oncomplete = () => resolve();
							tx.onerror = () => reject(tx.error);
						});
					}
					db.close();
					await new Promise<void>((resolve, reject) => {
						const request = indexedDB.deleteDatabase(name);
						request.onsuccess = () => resolve();
						request.onerror = () => reject(request.error);
					});
				},
				[
					stores,
					`row-costs-${round}-${Object.keys(variants).indexOf(label)}`,
					label === ONE_TRANSACTION ? invoices : 1000
				] as const
			);
			const after = descendantCpu();
			const byKind = totals.get(label) ?? new Map<string, number>();
			for (const [kind, seconds] of after) {
				const used = seconds - (before.get(kind) ?? 0);
				byKind.set(kind, (byKind.get(kind) ?? 0) + used);
			}
			totals.set(label, byKind);
		}
		console.log(`round ${round + 1} done, load ${loadavg()[0]?.toFixed(2)}`);
	}
	console.log(`\nCPU ms per invoice (mean of ${rounds} rounds, ${invoices} invoices each):`);
	for (const [label, byKind] of totals) {
		const ms = (kind: string) =>
			(((byKind.get(kind) ?? 0) * 1000) / invoices / rounds).toFixed(3).padStart(6);
		console.log(`  ${label.padEnd(34)} renderer ${ms('renderer')}  browser ${ms('browser')}`);
	}
	await page.evaluate(() => window.billfoldBench.sync.stopAll());
} finally {
	await relay.stop();
	await browser.close();
}
