import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { Report } from './report';
import { summarise } from './stats';
import { openSyncPage, startSyncRelay, SYNC_INVITE } from './sync-bench-page';

export interface SyncWorkload {
	/** Invoices in the workspace a new device bootstraps. */
	invoices: number;
	bootstrapRuns: number;
	propagationSamples: number;
	appends: number;
}

const serverScript = fileURLToPath(
	new URL('../../node_modules/@y/websocket-server/src/server.js', import.meta.url)
);

/** A free loopback port: the stock y-websocket server takes its port from PORT and cannot bind 0. */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port'))
			);
		});
	});
}

/** Runs the stock y-websocket server (its own bin, unchanged) and resolves with its URL. */
async function startYWebsocket(): Promise<{ url: string; child: ChildProcess }> {
	const port = await freePort();
	const child = spawn(process.execPath, [serverScript], {
		env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	await new Promise<void>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`y-websocket server exited with ${code}`)));
		if (!child.stdout) return reject(new Error('no stdout'));
		createInterface({ input: child.stdout }).on('line', (line) => {
			if (line.startsWith('running at')) resolve();
		});
	});
	return { url: `ws://127.0.0.1:${port}`, child };
}

async function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	await exited;
}

interface Side {
	prepare(): Promise<number>;
	bootstrap(): Promise<number>;
	propagation(samples: number): Promise<number[]>;
	/** Round trips per propagated change (ours only: the anchor keeps nothing on disk). */
	roundTrips?(samples: number): Promise<{ transactions: number; requests: number }>;
	appends(total: number): Promise<number>;
	stop(): Promise<void>;
}

async function measureSide(side: Side, workload: SyncWorkload) {
	const upload = await side.prepare();
	await side.bootstrap(); // warm-up: the first device also pays for code loading
	const bootstraps: number[] = [];
	for (let i = 0; i < workload.bootstrapRuns; i++) bootstraps.push(await side.bootstrap());
	await side.propagation(5);
	const latencies = await side.propagation(workload.propagationSamples);
	const roundTrips = await side.roundTrips?.(10);
	const appends = await side.appends(workload.appends);
	await side.stop();
	return {
		upload,
		bootstrap: summarise(bootstraps),
		latency: summarise(latencies),
		roundTrips,
		appends
	};
}

/**
 * The sync figures, ours and the anchor's, in one Chromium on one machine: bootstrap of a new
 * device, A → B propagation, and end-to-end appends. Ours runs against the real relay, which
 * serves the bench page so its API is same-origin; the anchor runs the stock y-websocket server.
 */
export async function benchSync(
	report: Report,
	browser: Browser,
	benchBundle: string,
	workload: SyncWorkload
): Promise<void> {
	const relay = await startSyncRelay(benchBundle);
	const anchorServer = await startYWebsocket();
	let context: BrowserContext | undefined;
	try {
		const opened = await openSyncPage(browser, relay);
		context = opened.context;
		const page = opened.page;
		const ours = await measureSide(oursIn(page, workload), workload);
		const anchor = await measureSide(anchorIn(page, anchorServer.url, workload), workload);
		reportSync(report, workload, ours, anchor);
	} finally {
		await context?.close();
		await stopChild(anchorServer.child);
		await relay.stop();
	}
}

type SideFigures = Awaited<ReturnType<typeof measureSide>>;

function reportSync(
	report: Report,
	workload: SyncWorkload,
	ours: SideFigures,
	anchor: SideFigures
): void {
	const invoices = workload.invoices.toLocaleString('en');
	const label = 'stock y-websocket, plain Yjs, in memory';
	report.time(
		'sync',
		`upload of ${invoices} invoices by the first device (once)`,
		summarise([ours.upload]),
		{ budget: '≤ the anchor', anchor: { ...summarise([anchor.upload]), label } }
	);
	report.time('sync', `bootstrap of ${invoices} invoices on a new device`, ours.bootstrap, {
		budget: '≤ 2,000 ms for 10,000',
		anchor: { ...anchor.bootstrap, label }
	});
	report.time('sync', 'A → B propagation p50', ours.latency, {
		budget: '≤ 10 ms',
		anchor: { ...anchor.latency, label }
	});
	report.value('sync', 'A → B propagation p95', ours.latency.p95, 'ms', {
		budget: '≤ 25 ms',
		note: `${anchor.latency.p95} ms (${label})`
	});
	if (ours.roundTrips) {
		const note = 'both devices, from the save until B has applied it and both engines are idle';
		report.value(
			'sync',
			'IndexedDB transactions per propagated change',
			Math.round(ours.roundTrips.transactions * 10) / 10,
			'',
			{ note }
		);
		report.value(
			'sync',
			'relay requests per propagated change',
			Math.round(ours.roundTrips.requests * 10) / 10,
			'',
			{ note }
		);
	}
	report.rate(
		'sync',
		`end-to-end appends, ${workload.appends} saves on A until applied on B`,
		Math.round(ours.appends),
		'/s',
		{ value: Math.round(anchor.appends), label },
		{ budget: '≥ 1,000/s' }
	);
}

function oursIn(page: Page, workload: SyncWorkload): Side {
	return {
		prepare: () =>
			page.evaluate(
				([invite, count]) => window.billfoldBench.sync.prepareWorkspace(invite, count),
				[SYNC_INVITE, workload.invoices] as const
			),
		bootstrap: () => page.evaluate(() => window.billfoldBench.sync.bootstrapDevice()),
		propagation: (samples) =>
			page.evaluate((n) => window.billfoldBench.sync.propagation(n), samples),
		roundTrips: (samples) => page.evaluate((n) => window.billfoldBench.sync.roundTrips(n), samples),
		appends: (total) => page.evaluate((n) => window.billfoldBench.sync.appendThroughput(n), total),
		stop: () => page.evaluate(() => window.billfoldBench.sync.stopAll())
	};
}

function anchorIn(page: Page, url: string, workload: SyncWorkload): Side {
	return {
		prepare: () =>
			page.evaluate(
				([server, count]) => window.billfoldBench.yWebsocket.prepareWorkspace(server, count),
				[url, workload.invoices] as const
			),
		bootstrap: () => page.evaluate(() => window.billfoldBench.yWebsocket.bootstrapDevice()),
		propagation: (samples) =>
			page.evaluate((n) => window.billfoldBench.yWebsocket.propagation(n), samples),
		appends: (total) =>
			page.evaluate((n) => window.billfoldBench.yWebsocket.appendThroughput(n), total),
		stop: () => page.evaluate(() => window.billfoldBench.yWebsocket.stopAll())
	};
}
