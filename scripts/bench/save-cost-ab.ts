/**
 * `npx tsx scripts/bench/save-cost-ab.ts [--rounds 3] [--saves 500] <bundle>…`: what one awaited
 * save costs in CPU (with `--listener`, while another tab of the origin is open), for several
 * builds of the bench bundle taking turns round by round (build and copy each as `sync-ab.ts`
 * says). Per save and build: the Chromium processes' CPU ms (renderer:
 * the page's main thread, which A's saves share with sync; browser: IndexedDB's backend), and two
 * counts the load does not change: microtasks queued (`queueMicrotask`) and cross-tab messages
 * posted (`BroadcastChannel.postMessage`). Variants as in `profile-saves.ts`: `plain` (the app's
 * save, sync off), `capture-only` (with the change capture, no engine), `bare` (one Dexie put).
 */
import { launchBrowser } from './browser';
import { descendantCpu } from './descendant-cpu';
import { takeNumberOption } from './number-option';
import { summarise } from './stats';
import { openSyncPage, startSyncRelay, SYNC_INVITE } from './sync-bench-page';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => takeNumberOption(args, name, fallback);
/** `--listener`: a second tab of the same origin is open meanwhile, as a user's other tab. */
const listenerIndex = args.indexOf('--listener');
const listener = listenerIndex >= 0;
if (listener) args.splice(listenerIndex, 1);
const rounds = option('--rounds', 3);
const saves = option('--saves', 500);
const variants = ['plain', 'capture-only', 'bare'] as const;
if (args.length < 1) {
	console.error('usage: save-cost-ab.ts [--rounds 3] [--saves 500] <bundle>…');
	process.exit(2);
}

type Row = Record<string, number[]>;
const results = new Map<string, Row>(args.map((bundle) => [bundle, {}]));
const push = (row: Row, key: string, value: number) => (row[key] ??= []).push(value);

const browser = await launchBrowser();
try {
	for (let round = 1; round <= rounds; round++) {
		const order = round % 2 === 1 ? args : [...args].reverse();
		for (const bundle of order) {
			const row = results.get(bundle) ?? {};
			const relay = await startSyncRelay(bundle);
			try {
				const { context, page } = await openSyncPage(browser, relay);
				try {
					await page.evaluate(
						([invite, count]) => window.billfoldBench.sync.prepareWorkspace(invite, count),
						[SYNC_INVITE, 20] as const
					);
					if (listener) {
						const other = await context.newPage();
						await other.goto('/');
						await other.waitForSelector('body[data-ready="true"]', { state: 'attached' });
					}
					// Counters around the page's own functions, the same for every build.
					await page.evaluate(() => {
						const counts = { microtasks: 0, messages: 0 };
						const queue = window.queueMicrotask.bind(window);
						window.queueMicrotask = (task) => {
							counts.microtasks++;
							queue(task);
						};
						const post = BroadcastChannel.prototype.postMessage;
						BroadcastChannel.prototype.postMessage = function (message: unknown) {
							counts.messages++;
							post.call(this, message);
						};
						(window as unknown as { saveCounts: typeof counts }).saveCounts = counts;
					});
					for (const variant of variants) {
						const start = await page.evaluate(() => ({
							...(window as unknown as { saveCounts: { microtasks: number; messages: number } })
								.saveCounts
						}));
						const before = descendantCpu();
						const cost = await page.evaluate(
							([total, which]) => window.billfoldBench.sync.saveCost(total, which),
							[saves, variant] as const
						);
						const after = descendantCpu();
						const end = await page.evaluate(() => ({
							...(window as unknown as { saveCounts: { microtasks: number; messages: number } })
								.saveCounts
						}));
						const cpu = (kind: string) =>
							(((after.get(kind) ?? 0) - (before.get(kind) ?? 0)) * 1000) / saves;
						push(row, `${variant} renderer ms`, cpu('renderer'));
						push(row, `${variant} browser ms`, cpu('browser'));
						push(row, `${variant} p50 ms`, cost.p50);
						push(row, `${variant} microtasks`, (end.microtasks - start.microtasks) / saves);
						push(row, `${variant} messages`, (end.messages - start.messages) / saves);
					}
					await page.evaluate(() => window.billfoldBench.sync.stopAll());
				} finally {
					await context.close();
				}
			} finally {
				await relay.stop();
			}
			results.set(bundle, row);
			const load = (await import('node:os')).loadavg()[0]?.toFixed(1);
			console.log(
				`round ${round} ${bundle} (load ${load}): ` +
					Object.entries(row)
						.map(([key, values]) => `${key} ${values.at(-1)?.toFixed(2)}`)
						.join(', ')
			);
		}
	}
} finally {
	await browser.close();
}
for (const [bundle, row] of results) {
	console.log(bundle);
	for (const [key, values] of Object.entries(row)) {
		const stats = summarise(values);
		console.log(
			`  ${key.padEnd(26)} median ${stats.median.toFixed(2)} (min ${stats.min.toFixed(2)}, max ${stats.max.toFixed(2)})`
		);
	}
}
