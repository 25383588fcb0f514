/**
 * `npx tsx scripts/bench/profile-bootstrap.ts [invoices] [rounds] [bundle…]`: where a new device's
 * bootstrap spends its CPU. Each round pairs a fresh device and pulls the workspace under
 * Chromium's sampling profiler; it prints the CPU seconds of each Chromium process kind (the
 * renderer runs the app, the browser process runs IndexedDB's backend) per invoice, which the
 * machine's load inflates less than wall time, and the main thread's top self times with their
 * callers. With several bench bundles (built with `npx vite build -c
 * scripts/bench/vite.bench.config.ts`, each copied away), each gets its own relay and workspace and
 * the rounds take turns, so both trees are compared under the same load.
 */
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import type { AppServer } from '../../tests/e2e/app-server';
import { launchBrowser } from './browser';
import { descendantCpu } from './descendant-cpu';
import { openSyncPage, startSyncRelay, SYNC_INVITE } from './sync-bench-page';

const invoices = Number(process.argv[2] ?? 3000);
const rounds = Number(process.argv[3] ?? 2);
const given = process.argv.slice(4);
const bundles =
	given.length > 0
		? given
		: [fileURLToPath(new URL('../../node_modules/.cache/billfold-bench', import.meta.url))];

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	hitCount?: number;
	children?: number[];
}

const browser = await launchBrowser();
const relays: AppServer[] = [];
try {
	const pages: Page[] = [];
	for (const bundle of bundles) {
		const relay = await startSyncRelay(bundle);
		relays.push(relay);
		const { page } = await openSyncPage(browser, relay);
		await page.evaluate(
			([invite, count]) => window.billfoldBench.sync.prepareWorkspace(invite, count),
			[SYNC_INVITE, invoices] as const
		);
		const warm = await page.evaluate(() => window.billfoldBench.sync.bootstrapDevice());
		console.log(`${bundle}: ${invoices} invoices; warm-up bootstrap ${warm.toFixed(0)} ms`);
		pages.push(page);
	}
	for (let round = 0; round < rounds; round++) {
		for (const [index, page] of pages.entries()) await profiled(page, bundles[index] ?? '', round);
	}
	for (const page of pages) await page.evaluate(() => window.billfoldBench.sync.stopAll());
} finally {
	for (const relay of relays) await relay.stop();
	await browser.close();
}

async function profiled(page: Page, label: string, round: number): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
	await cdp.send('Profiler.start');
	const before = descendantCpu();
	const wall = await page.evaluate(() => window.billfoldBench.sync.bootstrapDevice());
	const after = descendantCpu();
	const { profile } = (await cdp.send('Profiler.stop')) as {
		profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };
	};
	await cdp.detach();
	const cpu = [...after]
		.map(([kind, seconds]) => [kind, seconds - (before.get(kind) ?? 0)] as const)
		.filter(([, seconds]) => seconds > 0.005)
		.sort((a, b) => b[1] - a[1]);
	const sum = cpu.reduce((total, [, seconds]) => total + seconds, 0);
	const perInvoice = (seconds: number) => ((seconds * 1000) / invoices).toFixed(3);
	console.log(
		`\n== ${label} #${round + 1}: ${wall.toFixed(0)} ms wall, load ${loadavg()[0]?.toFixed(2)}; CPU ${perInvoice(sum)} ms/invoice: ${cpu
			.map(([kind, seconds]) => `${kind} ${perInvoice(seconds)}`)
			.join(', ')}`
	);
	const perSample = (profile.endTime - profile.startTime) / 1000 / profile.samples.length;
	const nameOf = (node: ProfileNode) =>
		`${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop() || '(native)'}:${node.callFrame.lineNumber + 1}:${node.callFrame.columnNumber + 1}`;
	const parents = new Map<number, ProfileNode>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) {
			parents.set(child, node);
		}
	const self = new Map<string, number>();
	const callers = new Map<string, Map<string, number>>();
	for (const node of profile.nodes) {
		const name = nameOf(node);
		const hits = node.hitCount ?? 0;
		self.set(name, (self.get(name) ?? 0) + hits);
		const parent = parents.get(node.id);
		const byCaller = callers.get(name) ?? new Map<string, number>();
		const caller = parent ? nameOf(parent) : '(root)';
		byCaller.set(caller, (byCaller.get(caller) ?? 0) + hits);
		callers.set(name, byCaller);
	}
	console.log('   main thread self time, top 20 (ms), with the top callers:');
	for (const [name, hits] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
		const top = [...(callers.get(name) ?? [])]
			.sort((a, b) => b[1] - a[1])
			.slice(0, 2)
			.map(([caller, count]) => `${caller} ${(count * perSample).toFixed(0)}`)
			.join('; ');
		console.log(`   ${(hits * perSample).toFixed(0).padStart(6)}  ${name}  < ${top}`);
	}
}
