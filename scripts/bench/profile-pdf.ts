/**
 * `npx tsx scripts/bench/profile-pdf.ts [pages] [bundle dir]`: where the cold first PDF of a
 * fresh page goes (the bench's "cold" row: worker spawn + first PDF, no warm-up). For each fresh
 * page it attaches to the PDF worker before its script runs (CDP auto-attach, paused), profiles
 * it with V8's sampling profiler, and records every script the worker fetches. Prints per page
 * the page's wall time, then, summed over pages, the worker's CPU by category (compile, GC,
 * program, idle) and its self time per script, and the scripts with their bytes. Build the bench
 * bundle first (`npm run bench -- --quick --only pdf` does). Profiling slows the worker: compare
 * shares and counts, not the absolute times, with the bench's.
 */
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './browser';
import { firstPdfOnPage } from './pdf';
import { serveDirectory } from './static-server';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const pages = Number(args[0] ?? 3);
/** `--timeline`: no profiler, only the worker's resource timings (undistorted wall times). */
const profiling = !process.argv.includes('--timeline');
const bundleDir =
	args[1] ?? fileURLToPath(new URL('../../node_modules/.cache/billfold-bench', import.meta.url));

const bySelf = new Map<string, number>();
const byFunction = new Map<string, number>();
const inclusive = new Map<string, number>();
const scripts = new Map<string, number>();
const walls: number[] = [];

function account(profile: Profile): void {
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const parents = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parents.set(child, node.id);
	const label = (node: ProfileNode) => {
		const { functionName, url } = node.callFrame;
		const frame = node.callFrame as { lineNumber?: number; columnNumber?: number };
		return `${functionName || '(anonymous)'} ${url.slice(url.lastIndexOf('/') + 1)}:${frame.lineNumber ?? ''}:${frame.columnNumber ?? ''}`;
	};
	profile.samples.forEach((id, index) => {
		const node = nodes.get(id);
		if (!node) return;
		const { functionName, url } = node.callFrame;
		const file = url ? url.slice(url.lastIndexOf('/') + 1) : `(${functionName || 'native'})`;
		const ms = (profile.timeDeltas[index] ?? 0) / 1000;
		bySelf.set(file, (bySelf.get(file) ?? 0) + ms);
		const fn = `${functionName || '(anonymous)'} ${file}:${(node.callFrame as { lineNumber?: number }).lineNumber ?? ''}:${(node.callFrame as { columnNumber?: number }).columnNumber ?? ''}`;
		byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
		const seen = new Set<string>();
		for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
			const frame = nodes.get(at);
			if (!frame) break;
			const key = label(frame);
			if (seen.has(key)) continue;
			seen.add(key);
			inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
		}
	});
}

const browser = await launchBrowser();
const bundle = await serveDirectory(bundleDir);
try {
	const images = await (async () => {
		const page = await browser.newPage();
		await page.goto(bundle.url);
		await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
		const prepared = await page.evaluate(() => window.billfoldBench.preparedLogo());
		await page.close();
		return prepared;
	})();
	for (let run = 0; run < pages; run++) {
		const page = await browser.newPage();
		const session = await page.context().newCDPSession(page);
		const profiles: Promise<Profile>[] = [];
		// Playwright's CDPSession does not expose flattened child sessions, so the worker is
		// driven through Target.sendMessageToTarget (the non-flattened protocol).
		let nextId = 1;
		const answers = new Map<number, (result: Record<string, unknown>) => void>();
		const workerSessions: string[] = [];
		const send = (sessionId: string, method: string, params: object = {}) =>
			new Promise<Record<string, unknown>>((resolve) => {
				const id = nextId++;
				answers.set(id, resolve);
				void session.send('Target.sendMessageToTarget', {
					sessionId,
					message: JSON.stringify({ id, method, params })
				});
			});
		session.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
			const message = JSON.parse(event.message) as {
				id?: number;
				result?: Record<string, unknown>;
				method?: string;
				params?: { response?: { url: string; encodedDataLength: number } };
			};
			if (message.id !== undefined) answers.get(message.id)?.(message.result ?? {});
			if (message.method === 'Network.responseReceived' && message.params?.response) {
				const { url } = message.params.response;
				scripts.set(url.slice(url.lastIndexOf('/') + 1), 0);
			}
			if (message.method === 'Network.loadingFinished') {
				// bytes are reported by loadingFinished; kept simple: the response list is enough
			}
		});
		session.on(
			'Target.attachedToTarget',
			(event: { sessionId: string; targetInfo: { type: string } }) => {
				if (event.targetInfo.type !== 'worker') return;
				workerSessions.push(event.sessionId);
				void (async () => {
					await send(event.sessionId, 'Network.enable');
					if (profiling) {
						await send(event.sessionId, 'Profiler.enable');
						await send(event.sessionId, 'Profiler.setSamplingInterval', { interval: 500 });
						await send(event.sessionId, 'Profiler.start');
					}
					await send(event.sessionId, 'Runtime.runIfWaitingForDebugger');
				})();
			}
		);
		await page.goto(bundle.url);
		await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
		await session.send('Target.setAutoAttach', {
			autoAttach: true,
			waitForDebuggerOnStart: true,
			flatten: false
		});
		const result = await firstPdfOnPage(page, images, false);
		walls.push(result.ms);
		const pageOrigin = await page.evaluate(() => performance.timeOrigin);
		for (const id of workerSessions) {
			const timeline = await send(id, 'Runtime.evaluate', {
				expression: `JSON.stringify({ origin: performance.timeOrigin, now: performance.now(), entries: [...performance.getEntriesByType('resource'), ...performance.getEntriesByType('mark')].sort((a, b) => a.startTime - b.startTime).map((e) => [e.name.slice(e.name.lastIndexOf('/') + 1), e.startTime, e.entryType === 'mark' ? e.startTime : e.responseEnd, e.encodedBodySize ?? 0]) })`,
				returnByValue: true
			});
			const { origin, now, entries } = JSON.parse(
				(timeline['result'] as { value: string }).value
			) as { origin: number; now: number; entries: [string, number, number, number][] };
			console.log(
				`  worker created at page +${(origin - pageOrigin).toFixed(0)} ms; worker now +${now.toFixed(0)} ms`
			);
			for (const [name, start, end, size] of entries)
				console.log(
					`  ${start.toFixed(0).padStart(6)} → ${end.toFixed(0).padStart(6)} ms  ${String(size).padStart(8)} B  ${name}`
				);
		}
		if (profiling)
			for (const id of workerSessions)
				profiles.push(send(id, 'Profiler.stop').then((answer) => answer['profile'] as Profile));
		for (const profile of await Promise.all(profiles)) account(profile);
		console.log(`page ${run + 1}: first PDF ${result.ms.toFixed(1)} ms (profiled)`);
		await page.close();
	}
	const total = [...bySelf.values()].reduce((sum, ms) => sum + ms, 0);
	console.log(`\nworker CPU samples, mean per page (total ${(total / pages).toFixed(1)} ms):`);
	for (const [key, ms] of [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, 25))
		console.log(`${(ms / pages).toFixed(1).padStart(8)} ms  ${key}`);
	console.log('\nfunctions by self time, mean per page:');
	for (const [key, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 40))
		console.log(`${(ms / pages).toFixed(1).padStart(8)} ms  ${key}`);
	console.log('\nfunctions by inclusive time, mean per page:');
	for (const [key, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 60))
		console.log(`${(ms / pages).toFixed(1).padStart(8)} ms  ${key}`);
	console.log('\nscripts the worker fetched (bytes on the wire):');
	for (const [url, bytes] of scripts) console.log(`${String(bytes).padStart(9)}  ${url}`);
} finally {
	await bundle.close();
	await browser.close();
}
