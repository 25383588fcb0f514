/**
 * `npx tsx scripts/bench/propagation-ab.ts [--rounds 5] [--samples 40] <bundle>[=<relay main>]…`:
 * only the sync bench's A → B propagation, for several builds of the bench bundle (and of the
 * relay) taking turns round by round in one Chromium, with the median stage timeline of one
 * change (`propagationStages`) beside it. Shorter than `sync-ab.ts` (no appends), so more rounds
 * fit while the machine's load holds still; build and copy the bundles as `sync-ab.ts`'s header
 * says. Each round pairs the sides: the paired ratio of their p50s (second side over first) is
 * the figure to read on a loaded machine, more than either side's absolute times. The stage
 * timeline waits for both devices to idle between changes; the latencies do not, so beside them
 * it counts how many of A's saves queued behind A's own earlier transactions (the previous
 * change's acknowledgement, say) and for how long at most (`propagationQueue`, save-queue.ts).
 */
import { launchBrowser } from './browser';
import type { SaveQueue } from './browser/save-queue';
import { takeNumberOption } from './number-option';
import { summarise } from './stats';
import { openSyncPage, startSyncRelay, SYNC_INVITE } from './sync-bench-page';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => takeNumberOption(args, name, fallback);
const rounds = option('--rounds', 5);
const samples = option('--samples', 40);
if (args.length < 2) {
	console.error('usage: propagation-ab.ts [--rounds 5] [--samples 40] <bundle> <bundle>…');
	process.exit(2);
}

interface Side {
	name: string;
	latencies: number[];
	p50s: number[];
	stages: Map<string, number[]>;
	/** Per round: A's saves, those that queued behind A's own transactions, their longest waits. */
	queues: SaveQueue[];
}

type SyncBench = Window['billfoldBench']['sync'];

const browser = await launchBrowser();

async function measure(side: Side): Promise<number> {
	const [bundle = side.name, relayMain] = side.name.split('=');
	const relay = await startSyncRelay(bundle, relayMain);
	try {
		const { context, page } = await openSyncPage(browser, relay);
		try {
			await page.evaluate(([invite]) => window.billfoldBench.sync.prepareWorkspace(invite, 100), [
				SYNC_INVITE
			] as const);
			await page.evaluate(() => window.billfoldBench.sync.bootstrapDevice());
			await page.evaluate(() => window.billfoldBench.sync.propagation(5));
			const stages = await page.evaluate(
				(count) => window.billfoldBench.sync.propagationStages(count),
				samples
			);
			for (const [stage, ms] of Object.entries(stages)) {
				const name = stage.replace(/ \(\d+×\)$/, '');
				side.stages.set(name, [...(side.stages.get(name) ?? []), ms]);
			}
			// A bundle built before propagationQueue existed measures without the save queue.
			const { latencies, queue } = await page.evaluate(async (count) => {
				const sync: Omit<SyncBench, 'propagationQueue'> & Partial<SyncBench> =
					window.billfoldBench.sync;
				return sync.propagationQueue
					? sync.propagationQueue(count)
					: { latencies: await sync.propagation(count), queue: undefined };
			}, samples);
			if (queue) side.queues.push(queue);
			side.latencies.push(...latencies);
			const p50 = summarise(latencies).median;
			side.p50s.push(p50);
			await page.evaluate(() => window.billfoldBench.sync.stopAll());
			return p50;
		} finally {
			await context.close();
		}
	} finally {
		await relay.stop();
	}
}

const sides: Side[] = args.map((name) => ({
	name,
	latencies: [],
	p50s: [],
	stages: new Map(),
	queues: []
}));
const median = (values: readonly number[]) => summarise(values).median;
try {
	for (let round = 0; round < rounds; round++) {
		const order = round % 2 === 0 ? sides : [...sides].reverse();
		for (const side of order) await measure(side);
		console.log(
			`round ${round + 1}: ` +
				sides.map((side) => `${side.name} p50 ${side.p50s.at(-1)} ms`).join(', ')
		);
	}
} finally {
	await browser.close();
}
const [first] = sides;
for (const side of sides) {
	const latency = summarise(side.latencies);
	const ratios = first ? side.p50s.map((p50, round) => p50 / (first.p50s[round] ?? p50)) : [];
	console.log(
		`\n${side.name}: propagation p50 ${latency.median} ms, p95 ${latency.p95} ms ` +
			`(n=${side.latencies.length}); paired p50 ratio to the first side: median ` +
			`${median(ratios).toFixed(3)}, lower in ${ratios.filter((ratio) => ratio < 1).length} of ` +
			`${ratios.length} rounds`
	);
	if (side.queues.length > 0) {
		const saves = side.queues.reduce((sum, queue) => sum + queue.saves, 0);
		const queued = side.queues.reduce((sum, queue) => sum + queue.queued, 0);
		const waits = side.queues.flatMap((queue) => queue.waits);
		const behind = new Map<string, number>();
		for (const queue of side.queues)
			for (const [scope, count] of Object.entries(queue.behind))
				behind.set(scope, (behind.get(scope) ?? 0) + count);
		console.log(
			`  A's saves queued behind A's own transactions: ${queued} of ${saves}, waiting at most ` +
				`${waits.length > 0 ? median(waits).toFixed(1) : '0'} ms (median), behind ` +
				([...behind].map(([scope, count]) => `${scope} ×${count}`).join(', ') || 'nothing')
		);
	}
	const timeline = [...side.stages].sort((a, b) => median(a[1]) - median(b[1]));
	for (const [stage, values] of timeline)
		console.log(`  ${median(values).toFixed(1).padStart(6)}  ${stage}`);
}
