/**
 * `npx tsx scripts/bench/profile-sync.ts [invoices]`: where the sync bench's upload, bootstrap
 * and propagation spend their time. Runs the bench page's prepare, bootstrap and propagation
 * under Chromium's sampling profiler and prints the top self times (by function, bucketed by
 * file) and the relay's CPU time, and the median timeline of one propagated change; build the
 * bench bundle first (`npm run bench -- --quick --only sync` does).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { launchBrowser } from './browser';
import { openSyncPage, startSyncRelay, SYNC_INVITE } from './sync-bench-page';

const invoices = Number(process.argv[2] ?? 10_000);
/** `appends`: only the appends row (1000 awaited saves on A until B has them), after a warm-up. */
const appendsOnly = process.argv[3] === 'appends';
const bundle = fileURLToPath(new URL('../../node_modules/.cache/billfold-bench', import.meta.url));

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount?: number;
	children?: number[];
}

/** CPU seconds (user + system) of the relay, found as this process's child running relay/dist. */
function relayCpu(): number {
	const ticks = 100; // USER_HZ on Linux
	for (const pid of readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8')
		.trim()
		.split(/\s+/)) {
		if (!pid) continue;
		const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
		if (!cmd.includes('relay/dist/main.js')) continue;
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
		return (Number(fields[11]) + Number(fields[12])) / ticks;
	}
	return NaN;
}

async function profiled(page: Page, label: string, run: () => Promise<number>): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	await cdp.send('Profiler.start');
	const relayBefore = relayCpu();
	const wall = await run();
	const relayAfter = relayCpu();
	const { profile } = (await cdp.send('Profiler.stop')) as {
		profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };
	};
	const total = profile.samples.length;
	const perSample = (profile.endTime - profile.startTime) / 1000 / total;
	const byFunction = new Map<string, number>();
	const byFile = new Map<string, number>();
	const inclusive = new Map<string, number>();
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const nameOf = (node: ProfileNode) =>
		`${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop() || '(native)'}:${node.callFrame.lineNumber}`;
	// Inclusive hits per function, each function counted once per stack (recursion).
	const walk = (id: number, onStack: Set<string>): number => {
		const node = nodes.get(id);
		if (!node) return 0;
		const name = nameOf(node);
		const fresh = !onStack.has(name);
		if (fresh) onStack.add(name);
		let hits = node.hitCount ?? 0;
		for (const child of node.children ?? []) hits += walk(child, onStack);
		if (fresh) {
			onStack.delete(name);
			inclusive.set(name, (inclusive.get(name) ?? 0) + hits);
		}
		return hits;
	};
	walk(profile.nodes[0]?.id ?? 0, new Set());
	// Who calls the costliest functions: self hits by a chain of up to four named callers.
	const parents = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parents.set(child, node.id);
	const chains = new Map<string, number>();
	for (const node of profile.nodes) {
		const hits = node.hitCount ?? 0;
		if (hits === 0 || node.callFrame.functionName === '(idle)') continue;
		const names = [nameOf(node)];
		for (
			let id = parents.get(node.id);
			id !== undefined && names.length < 6;
			id = parents.get(id)
		) {
			const parent = nodes.get(id);
			if (!parent) break;
			const fn = parent.callFrame.functionName;
			if (
				fn &&
				!/^(mutate|DexiePromise|executePromiseTask|usePSD|newScope|callListener|endMicroTickScope|physicalTick|follow|_trans|Table\._trans|Transaction\._promise|checkTableInTransaction|tableClone\..*|switchToZone|propagate.*)$/.test(
					fn
				)
			)
				names.push(fn);
		}
		const chain = names.join(' < ');
		chains.set(chain, (chains.get(chain) ?? 0) + hits);
	}
	for (const node of profile.nodes) {
		const hits = node.hitCount ?? 0;
		const file = node.callFrame.url.split('/').pop() || '(native)';
		const name = `${node.callFrame.functionName || '(anon)'} ${file}:${node.callFrame.lineNumber}`;
		byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
		byFile.set(file, (byFile.get(file) ?? 0) + hits);
	}
	const top = (map: Map<string, number>, n: number) =>
		[...map]
			.sort((a, b) => b[1] - a[1])
			.slice(0, n)
			.map(([name, hits]) => `  ${(hits * perSample).toFixed(0).padStart(6)} ms  ${name}`)
			.join('\n');
	console.log(
		`\n== ${label}: ${wall.toFixed(0)} ms wall; main thread samples ${(total * perSample).toFixed(0)} ms; relay CPU ${((relayAfter - relayBefore) * 1000).toFixed(0)} ms`
	);
	console.log(`by file:\n${top(byFile, 12)}\nby function:\n${top(byFunction, 40)}`);
	console.log(`inclusive:\n${top(inclusive, 60)}`);
	console.log(`self by caller chain:\n${top(chains, 40)}`);
	await cdp.detach();
}

const browser = await launchBrowser();
const relay = await startSyncRelay(bundle);
try {
	const { context, page } = await openSyncPage(browser, relay);
	if (appendsOnly) {
		await page.evaluate(
			([invite, count]) => window.billfoldBench.sync.prepareWorkspace(invite, count),
			[SYNC_INVITE, invoices] as const
		);
		await page.evaluate(() => window.billfoldBench.sync.bootstrapDevice());
		await page.evaluate(() => window.billfoldBench.sync.appendThroughput(200));
		await profiled(page, 'appends of 1000 changes', async () => {
			const perSecond = await page.evaluate(() => window.billfoldBench.sync.appendThroughput(1000));
			return 1_000_000 / perSecond;
		});
		await page.evaluate(() => window.billfoldBench.sync.stopAll());
		await context.close();
		process.exit(0);
	}
	await profiled(page, `upload of ${invoices}`, () =>
		page.evaluate(([invite, count]) => window.billfoldBench.sync.prepareWorkspace(invite, count), [
			SYNC_INVITE,
			invoices
		] as const)
	);
	const warm = await page.evaluate(() => window.billfoldBench.sync.bootstrapDevice());
	console.log(`\nwarm-up bootstrap ${warm.toFixed(0)} ms`);
	await profiled(page, `bootstrap of ${invoices}`, () =>
		page.evaluate(() => window.billfoldBench.sync.bootstrapDevice())
	);
	await page.evaluate(() => window.billfoldBench.sync.propagation(5));
	const stages = await page.evaluate(() => window.billfoldBench.sync.propagationStages(50));
	console.log('\n== one propagated change, median ms after A began saving:');
	for (const [stage, ms] of Object.entries(stages))
		console.log(`  ${String(ms).padStart(6)}  ${stage}`);
	await profiled(page, 'propagation of 50 changes', async () => {
		const times = await page.evaluate(() => window.billfoldBench.sync.propagation(50));
		return times.reduce((sum, ms) => sum + ms, 0);
	});
	await page.evaluate(() => window.billfoldBench.sync.stopAll());
	await context.close();
} finally {
	await relay.stop();
	await browser.close();
}
