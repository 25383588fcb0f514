/**
 * `npx tsx scripts/bench/trace-pdf.ts [--pages 3] [--events] <bundle>…`: where the cold first PDF
 * of a fresh page goes (the bench's "cold" row: worker spawn + first PDF, no warm-up), from
 * Chromium's own trace, so without a sampling profiler's slow-down. Several bench bundles are
 * traced taking turns page by page. Per bundle it prints, as medians over its pages, the wall
 * time, the PDF worker thread's CPU (the trace's thread clock, which the machine's load moves far
 * less than wall time) and that CPU by kind: module compile, module evaluation, the rest of the
 * script run (the render), garbage collection. `--events` also prints each page's worker
 * timeline: every task of 1 ms or more after the page's call, with the compiles, evaluations and
 * collections inside it. Build each bundle with
 * `npx vite build -c scripts/bench/vite.bench.config.ts --outDir /tmp/<name>`.
 */
import { readFileSync, rmSync } from 'node:fs';
import { launchBrowser } from './browser';
import { firstPdfOnPage } from './pdf';
import { serveDirectory } from './static-server';
import { summarise } from './stats';

interface TraceEvent {
	name: string;
	ph: string;
	ts: number;
	dur?: number;
	/** The thread's CPU time inside the event, µs. */
	tdur?: number;
	pid: number;
	tid: number;
	args?: Record<string, unknown>;
}

const args = process.argv.slice(2);
const pagesAt = args.indexOf('--pages');
const pages = pagesAt >= 0 ? Number(args.splice(pagesAt, 2)[1]) : 3;
const events = args.includes('--events');
const bundles = args.filter((arg) => !arg.startsWith('--'));
if (bundles.length < 1) {
	console.error('usage: trace-pdf.ts [--pages 3] [--events] <bundle>…');
	process.exit(2);
}
const categories = [
	'devtools.timeline',
	'v8',
	'v8.execute',
	'blink',
	'loading',
	'disabled-by-default-devtools.timeline',
	'disabled-by-default-v8.compile'
];
/** The kinds the worker's CPU is split into; the first that an event's name matches counts it. */
const kinds: [string, (name: string) => boolean][] = [
	['compile', (name) => name === 'v8.compileModule' || name === 'V8.CompileCode'],
	['gc', (name) => /GC|Scavenge|MarkCompact/.test(name)],
	['evaluate', (name) => name === 'v8.evaluateModule'],
	[
		'run',
		(name) => name === 'RunMicrotasks' || name === 'FunctionCall' || name === 'v8.callFunction'
	]
];
const shown = new Set([
	'v8.compileModule',
	'v8.evaluateModule',
	'RunMicrotasks',
	'MinorGC',
	'MajorGC',
	'FunctionCall'
]);

interface Sample {
	wall: number;
	cpu: number;
	byKind: Map<string, number>;
}

/** The worker thread's CPU by kind: each event's own CPU, less that of the kinds inside it. */
/**
 * The PDF worker's thread, by its script's URL (Chromium names every worker's thread
 * "DedicatedWorker thread", so the name cannot tell it from another worker of the page).
 */
function pdfWorkerThread(traceEvents: TraceEvent[]): { pid: number; tid: number } {
	for (const event of traceEvents) {
		if (event.name !== 'TracingSessionIdForWorker') continue;
		const data = event.args?.['data'] as { url?: string; workerThreadId?: number } | undefined;
		if (data?.url?.includes('pdf.worker') && data.workerThreadId !== undefined)
			return { pid: event.pid, tid: data.workerThreadId };
	}
	throw new Error('no PDF worker (a pdf.worker script) in the trace');
}

function workerCpu(threadEvents: TraceEvent[]): { cpu: number; byKind: Map<string, number> } {
	const byKind = new Map<string, number>();
	let cpu = 0;
	// Events of one thread nest; walk them in order with a stack of open ones.
	const stack: { end: number; kind: string | undefined }[] = [];
	for (const event of threadEvents) {
		while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= event.ts) stack.pop();
		const ms = (event.tdur ?? 0) / 1000;
		if (stack.length === 0) cpu += ms;
		const kind = kinds.find(([, matches]) => matches(event.name))?.[0];
		const outer = stack.findLast((open) => open.kind !== undefined)?.kind;
		if (kind !== undefined && kind !== outer) {
			byKind.set(kind, (byKind.get(kind) ?? 0) + ms);
			if (outer !== undefined) byKind.set(outer, (byKind.get(outer) ?? 0) - ms);
		}
		stack.push({ end: event.ts + (event.dur ?? 0), kind: kind ?? outer });
	}
	byKind.set('other', cpu - [...byKind.values()].reduce((sum, ms) => sum + ms, 0));
	return { cpu, byKind };
}

function printTimeline(threadEvents: TraceEvent[], start: number): void {
	let until = -Infinity;
	let inside: string[] = [];
	let top: TraceEvent | undefined;
	const flush = () => {
		if (top && (top.dur ?? 0) >= 1000)
			console.log(
				`    +${((top.ts - start) / 1000).toFixed(1).padStart(7)} ${((top.dur ?? 0) / 1000).toFixed(1).padStart(6)} ms ${inside.join(', ')}`
			);
	};
	for (const event of threadEvents) {
		if (event.ts >= until) {
			flush();
			top = event;
			until = event.ts + (event.dur ?? 0);
			inside = [];
			continue;
		}
		if (!shown.has(event.name) || (event.dur ?? 0) < 500) continue;
		const url = String((event.args?.['data'] as { url?: string } | undefined)?.url ?? '');
		inside.push(
			`${event.name}${url ? ` ${url.slice(url.lastIndexOf('/') + 1)}` : ''} ${((event.dur ?? 0) / 1000).toFixed(1)}`
		);
	}
	flush();
}

const browser = await launchBrowser();
const servers = await Promise.all(bundles.map((bundle) => serveDirectory(bundle)));
const tracePath = `/tmp/trace-pdf-${process.pid}.json`;
const samples = bundles.map((): Sample[] => []);
try {
	const setup = await browser.newPage();
	await setup.goto(servers[0]?.url ?? '');
	await setup.waitForSelector('body[data-ready="true"]', { state: 'attached' });
	const images = await setup.evaluate(() => window.billfoldBench.preparedLogo());
	await setup.close();
	for (let round = 0; round < pages; round++) {
		// Each round starts with the next bundle, so none is always first.
		for (let turn = 0; turn < servers.length; turn++) {
			const index = (round + turn) % servers.length;
			const server = servers[index];
			if (!server) continue;
			const page = await browser.newPage();
			await page.goto(server.url);
			await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
			await browser.startTracing(page, { path: tracePath, categories });
			// The trace's mark for the start of the bench's call (a TimeStamp event on the page).
			await page.evaluate(() => console.timeStamp('cold-first-pdf'));
			const result = await firstPdfOnPage(page, images, false);
			await browser.stopTracing();
			await page.close();
			const { traceEvents } = JSON.parse(readFileSync(tracePath, 'utf8')) as {
				traceEvents: TraceEvent[];
			};
			const start =
				traceEvents.find(
					(event) =>
						event.name === 'TimeStamp' &&
						(event.args?.['data'] as { message?: string } | undefined)?.message === 'cold-first-pdf'
				)?.ts ?? 0;
			const workerThread = pdfWorkerThread(traceEvents);
			const threadEvents = traceEvents
				.filter(
					(event) =>
						event.ph === 'X' &&
						event.pid === workerThread.pid &&
						event.tid === workerThread.tid &&
						event.ts >= start
				)
				.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
			const { cpu, byKind } = workerCpu(threadEvents);
			samples[index]?.push({ wall: result.ms, cpu, byKind });
			if (events) {
				const evaluations = threadEvents
					.filter((event) => event.name === 'v8.evaluateModule')
					.map((event) => ((event.tdur ?? 0) / 1000).toFixed(1));
				console.log(
					`${bundles[index]} page ${round + 1}: first PDF ${result.ms.toFixed(1)} ms, worker CPU ${cpu.toFixed(1)} ms; module evaluations' CPU ${evaluations.join(', ')} ms`
				);
				printTimeline(threadEvents, start);
			}
		}
	}
	for (const [index, bundle] of bundles.entries()) {
		const own = samples[index] ?? [];
		const median = (values: number[]) => summarise(values).median.toFixed(1);
		const split = ['compile', 'evaluate', 'run', 'gc', 'other']
			.map((kind) => `${kind} ${median(own.map((sample) => sample.byKind.get(kind) ?? 0))}`)
			.join(', ');
		console.log(
			`${bundle}: medians over ${own.length} pages: first PDF ${median(own.map((sample) => sample.wall))} ms; worker CPU ${median(own.map((sample) => sample.cpu))} ms (${split})`
		);
	}
} finally {
	rmSync(tracePath, { force: true });
	await Promise.all(servers.map((server) => server.close()));
	await browser.close();
}
