/**
 * `npx tsx scripts/bench/restart-cost.ts [invoices] [rounds] [bundle]`: what starting sync costs a
 * device that already holds a workspace of `invoices` invoices (every app start does it). Each
 * round restarts the device twice, in turns: once as before the seeded mark (the start walks every
 * record to find those without a doc), once as now (the mark says none lacks one). It prints the
 * cursor steps each start took, a count the load does not move, the renderer's and the browser
 * process's (IndexedDB's backend) CPU ms per start, which the load moves less, and wall times.
 * Build the bench bundle first: `npx vite build -c scripts/bench/vite.bench.config.ts`.
 */
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { launchBrowser } from './browser';
import { descendantCpu } from './descendant-cpu';
import { openSyncPage, startSyncRelay, SYNC_INVITE } from './sync-bench-page';

const invoices = Number(process.argv[2] ?? 3000);
const rounds = Number(process.argv[3] ?? 5);
const bundle =
	process.argv[4] ??
	fileURLToPath(new URL('../../node_modules/.cache/billfold-bench', import.meta.url));

interface Cost {
	steps: number;
	ms: number;
	renderer: number;
	browser: number;
}

const cpuMs = (after: Map<string, number>, before: Map<string, number>, kind: string) =>
	((after.get(kind) ?? 0) - (before.get(kind) ?? 0)) * 1000;

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

const browser = await launchBrowser();
const relay = await startSyncRelay(bundle);
try {
	const { page } = await openSyncPage(browser, relay);
	// tsx names the functions inside the evaluated callbacks with a helper the page lacks.
	await page.evaluate('globalThis.__name = (fn) => fn');
	await page.evaluate(
		([invite, count]) => window.billfoldBench.sync.prepareWorkspace(invite, count),
		[SYNC_INVITE, invoices] as const
	);
	const costs: Record<'walk' | 'skip', Cost[]> = { walk: [], skip: [] };
	for (let round = 0; round < rounds; round++) {
		const order = round % 2 === 0 ? (['walk', 'skip'] as const) : (['skip', 'walk'] as const);
		for (const variant of order) {
			const before = descendantCpu();
			const cost = await page.evaluate(
				(walk) => window.billfoldBench.sync.restartCost(walk),
				variant === 'walk'
			);
			const after = descendantCpu();
			costs[variant].push({
				...cost,
				renderer: cpuMs(after, before, 'renderer'),
				browser: cpuMs(after, before, 'browser')
			});
		}
	}
	console.log(`${invoices} invoices, ${rounds} rounds, load ${loadavg()[0]?.toFixed(1)}`);
	for (const [variant, list] of Object.entries(costs)) {
		console.log(
			`${variant}: cursor steps ${list.map((c) => c.steps).join(' ')}; start ms median ` +
				`${median(list.map((c) => c.ms)).toFixed(0)} (${list.map((c) => c.ms.toFixed(0)).join(' ')}); ` +
				`CPU ms median renderer ${median(list.map((c) => c.renderer)).toFixed(0)}, ` +
				`browser ${median(list.map((c) => c.browser)).toFixed(0)}`
		);
	}
	await page.evaluate(() => window.billfoldBench.sync.stopAll());
} finally {
	await relay.stop();
	await browser.close();
}
