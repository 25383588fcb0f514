/**
 * `npx tsx scripts/bench/profile-saves.ts [invoices] [saves]`: what one awaited save on device A
 * costs as more of sync runs (issue 21's "~10 ms per save"): everything, the sender alone (B's
 * runtime stopped), the change capture alone (no engine), a database without sync, and the
 * floor under a save: one bare Dexie put in its own transaction, and the same put straight on
 * IndexedDB. Prints per variant the mean and spread of a save, engine runs, IndexedDB
 * transactions and their mean lifetime (queueing included), HTTP requests, and the IndexedDB
 * requests per save by store and method (counts that do not depend on the load). Build the bench bundle first (`npm run bench
 * -- --quick --only sync` does); run it twice back to back: the machine is shared, compare ratios.
 */
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './browser';
import { openSyncPage, startSyncRelay, SYNC_INVITE } from './sync-bench-page';

const invoices = Number(process.argv[2] ?? 500);
const saves = Number(process.argv[3] ?? 200);
const bundle = fileURLToPath(new URL('../../node_modules/.cache/billfold-bench', import.meta.url));
const variants = ['sync', 'sender-only', 'capture-only', 'plain', 'bare', 'idb'] as const;

const browser = await launchBrowser();
const relay = await startSyncRelay(bundle);
try {
	const { context, page } = await openSyncPage(browser, relay);
	await page.evaluate(
		([invite, count]) => window.billfoldBench.sync.prepareWorkspace(invite, count),
		[SYNC_INVITE, invoices] as const
	);
	await page.evaluate(() => window.billfoldBench.sync.bootstrapDevice());
	for (const variant of variants) {
		const cost = await page.evaluate(
			([total, which]) => window.billfoldBench.sync.saveCost(total, which),
			[saves, variant] as const
		);
		const ms = (value: number) => value.toFixed(1);
		console.log(
			`${variant}: ${ms(cost.msPerSave)} ms/save (p50 ${ms(cost.p50)}, p90 ${ms(cost.p90)}, max ${ms(cost.max)}); ` +
				`runs A ${cost.runs[0]} B ${cost.runs[1]}; transactions A ${cost.transactions[0]} B ${cost.transactions[1]}; requests ${cost.requests}`
		);
		for (const [key, mean] of Object.entries(cost.transactionMs))
			console.log(
				`  ${ms(mean).padStart(6)} ms  ${key.length > 90 ? `${key.slice(0, 90)}…` : key}`
			);
		const requests = Object.entries(cost.requestsPerSave);
		const total = requests.reduce((sum, [, count]) => sum + count, 0);
		console.log(
			`  IndexedDB requests per save: ${total.toFixed(2)} (` +
				requests.map(([key, count]) => `${key} ${count.toFixed(2)}`).join(', ') +
				')'
		);
	}
	await page.evaluate(() => window.billfoldBench.sync.stopAll());
	await context.close();
} finally {
	await relay.stop();
	await browser.close();
}
