/**
 * `npx tsx scripts/bench/sync-ab.ts [--rounds 3] [--invoices 500] <bundle>[=<relay main>]…`: the
 * sync bench's propagation, round trips and appends for several builds of the bench bundle,
 * taking turns round by round in one Chromium, so a change is compared with the tree before it
 * under the same load (a shared machine's load swings more between two bench runs than a change
 * moves the figures). Build each bundle with `npx vite build -c scripts/bench/vite.bench.config.ts`
 * and copy it away (`cp -r node_modules/.cache/billfold-bench /tmp/before`) before changing the
 * tree. A side runs against `relay/dist/main.js` unless it names another build of the relay after
 * `=`: copy `relay/dist` (with `relay/package.json` beside it) to a folder under
 * `relay/node_modules/`, where the copy still finds the relay's dependencies.
 */
import { launchBrowser } from './browser';
import { descendantCpu } from './descendant-cpu';
import { takeNumberOption } from './number-option';
import { summarise } from './stats';
import { openSyncPage, startSyncRelay, SYNC_INVITE } from './sync-bench-page';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => takeNumberOption(args, name, fallback);
const rounds = option('--rounds', 3);
const invoices = option('--invoices', 500);
const APPENDS = 1000;
if (args.length < 2) {
	console.error('usage: sync-ab.ts [--rounds 3] [--invoices 500] <bundle> <bundle>…');
	process.exit(2);
}

interface Figures {
	latencies: number[];
	appends: number[];
	/** CPU ms per append by process (Chromium's by type, the relay), which the load does not inflate. */
	appendCpu: Map<string, number>[];
	transactions: number[];
	requests: number[];
}

const browser = await launchBrowser();

async function measure(side: string, figures: Figures): Promise<void> {
	const [bundle = side, relayMain] = side.split('=');
	const relay = await startSyncRelay(bundle, relayMain);
	try {
		const { context, page } = await openSyncPage(browser, relay);
		try {
			await page.evaluate(
				([invite, count]) => window.billfoldBench.sync.prepareWorkspace(invite, count),
				[SYNC_INVITE, invoices] as const
			);
			await page.evaluate(() => window.billfoldBench.sync.bootstrapDevice());
			await page.evaluate(() => window.billfoldBench.sync.propagation(5));
			const latencies = await page.evaluate(() => window.billfoldBench.sync.propagation(50));
			figures.latencies.push(...latencies);
			const trips = await page.evaluate(() => window.billfoldBench.sync.roundTrips(10));
			figures.transactions.push(trips.transactions);
			figures.requests.push(trips.requests);
			const before = descendantCpu();
			figures.appends.push(
				await page.evaluate((total) => window.billfoldBench.sync.appendThroughput(total), APPENDS)
			);
			const after = descendantCpu();
			figures.appendCpu.push(
				new Map(
					[...after].map(([kind, seconds]) => [
						kind,
						((seconds - (before.get(kind) ?? 0)) * 1000) / APPENDS
					])
				)
			);
			await page.evaluate(() => window.billfoldBench.sync.stopAll());
		} finally {
			await context.close();
		}
	} finally {
		await relay.stop();
	}
}

const sides = args.map((bundle) => ({
	bundle,
	figures: { latencies: [], appends: [], appendCpu: [], transactions: [], requests: [] } as Figures
}));
try {
	for (let round = 0; round < rounds; round++) {
		// Each round in another order, so no build always runs first (or right after another).
		const order = round % 2 === 0 ? sides : [...sides].reverse();
		for (const { bundle, figures } of order) {
			await measure(bundle, figures);
			const latency = summarise(figures.latencies.slice(-50));
			console.log(
				`round ${round + 1} ${bundle}: p50 ${latency.median} ms, p95 ${latency.p95} ms, ` +
					`appends ${Math.round(figures.appends.at(-1) ?? 0)}/s ` +
					`(CPU ${cpuPerAppend(figures.appendCpu.slice(-1))}), ` +
					`transactions ${figures.transactions.at(-1)}`
			);
		}
	}
} finally {
	await browser.close();
}

/** CPU ms per append, total and by process, averaged over the rounds given. */
function cpuPerAppend(rounds: readonly Map<string, number>[]): string {
	const kinds = new Map<string, number>();
	for (const round of rounds)
		for (const [kind, ms] of round) kinds.set(kind, (kinds.get(kind) ?? 0) + ms / rounds.length);
	const total = [...kinds.values()].reduce((a, b) => a + b, 0);
	const parts = [...kinds]
		.filter(([, ms]) => ms >= 0.05)
		.sort((a, b) => b[1] - a[1])
		.map(([kind, ms]) => `${kind} ${ms.toFixed(2)}`);
	return `${total.toFixed(2)} ms/append: ${parts.join(', ')}`;
}
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
for (const { bundle, figures } of sides) {
	const latency = summarise(figures.latencies);
	console.log(
		`${bundle}: propagation p50 ${latency.median} ms, p95 ${latency.p95} ms ` +
			`(n=${figures.latencies.length}); appends ${figures.appends.map(Math.round).join(', ')}/s, ` +
			`CPU ${cpuPerAppend(figures.appendCpu)}; ` +
			`IndexedDB transactions per change ${mean(figures.transactions).toFixed(1)}, ` +
			`requests ${mean(figures.requests).toFixed(1)}`
	);
}
