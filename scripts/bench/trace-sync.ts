/**
 * `npx tsx scripts/bench/trace-sync.ts [invoices] [bootstraps]`: where the sync bench's upload and
 * bootstrap spend their wall time, as a timeline (browser/sync-trace.ts), not a CPU profile: per
 * pull or push, request → answer, rows and bytes, the WebCrypto work and the IndexedDB
 * transactions after it, and how much of the run nothing at all was in progress. The relay's own
 * time per page is measured from Node (loopback, no browser). Build the bench bundle first
 * (`npm run bench -- --quick --only sync` does, or `npx vite build -c scripts/bench/vite.bench.config.ts`).
 */
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { randomBytes, randomUUID } from 'node:crypto';
import { encodePushFrames, SYNC_PUSH_FRAMES_MEDIA_TYPE } from '../../relay/src/protocol';
import { relayPaths } from '../../relay/src/protocol/paths';
import { launchBrowser } from './browser';
import { descendantCpu } from './descendant-cpu';
import type { Span } from './browser/sync-trace';
import { openSyncPage, startSyncRelay, SYNC_INVITE } from './sync-bench-page';

const invoices = Number(process.argv[2] ?? 10_000);
const bootstraps = Number(process.argv[3] ?? 2);
const uploadOnly = bootstraps === 0;
const bundle =
	process.env['BENCH_BUNDLE'] ??
	fileURLToPath(new URL('../../node_modules/.cache/billfold-bench', import.meta.url));

/** Chromium's processes and the relay, apart: see descendantCpu. */
function childrenCpu(): { browser: number; relay: number } {
	const total = { browser: 0, relay: 0 };
	for (const [kind, cpu] of descendantCpu()) {
		if (kind === 'relay') total.relay += cpu;
		else total.browser += cpu;
	}
	return total;
}

async function withCpu<T>(run: () => Promise<T>): Promise<{ result: T; cpu: string }> {
	const before = childrenCpu();
	const result = await run();
	const after = childrenCpu();
	const browser = after.browser - before.browser;
	const relay = after.relay - before.relay;
	return { result, cpu: `CPU: Chromium ${browser.toFixed(2)} s, relay ${relay.toFixed(2)} s` };
}

const ms = (value: number) => `${value.toFixed(0)}`.padStart(6);

/** Total time covered by the union of the intervals. */
function covered(intervals: readonly { start: number; end: number }[]): number {
	const sorted = [...intervals].sort((a, b) => a.start - b.start);
	let total = 0;
	let from = -Infinity;
	let to = -Infinity;
	for (const { start, end } of sorted) {
		if (start > to) {
			if (to > from) total += to - from;
			from = start;
			to = end;
		} else to = Math.max(to, end);
	}
	if (to > from) total += to - from;
	return total;
}

function report(
	label: string,
	wall: number,
	spans: readonly Span[],
	transfer: 'pull' | 'push',
	cpu: string
) {
	const of = <K extends Span['kind']>(kind: K) =>
		spans.filter((span): span is Extract<Span, { kind: K }> => span.kind === kind);
	const transfers = of(transfer);
	const crypto = of(transfer === 'pull' ? 'decrypt' : 'encrypt');
	const idb = of('idb');
	const writes = idb.filter((span) => span.mode === 'readwrite');
	const longTasks = of('longtask');
	console.log(
		`\n== ${label}: ${ms(wall)} ms wall, load ${loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}; ${cpu}`
	);
	console.log(
		`   ${transfer}es ${transfers.length}: in flight ${ms(covered(transfers))} ms; ${crypto.length} ${transfer === 'pull' ? 'decrypts' : 'encrypts'} cover ${ms(covered(crypto))} ms; IndexedDB ${idb.length} tx (${writes.length} rw) cover ${ms(covered(idb))} ms; long tasks ${longTasks.length} = ${ms(longTasks.reduce((sum, t) => sum + t.end - t.start, 0))} ms`
	);
	const busy = covered([...transfers, ...crypto, ...idb, ...longTasks]);
	console.log(
		`   nothing in progress (no request, crypto, transaction or long task): ${ms(wall - busy)} ms`
	);
	const first = transfers[0]?.start ?? 0;
	const last = transfers.at(-1)?.end ?? 0;
	console.log(
		`   before the first ${transfer} ${ms(first)} ms; after the last answer ${ms(wall - last)} ms`
	);
	console.log(
		`   ${'#'.padStart(3)} ${'start'.padStart(6)} ${'rtt'.padStart(6)} ${'rows'.padStart(5)} ${'KB'.padStart(6)} | crypto: ${'n'.padStart(4)} ${'from'.padStart(6)} ${'to'.padStart(6)} | big rw tx: ${'start'.padStart(6)} ${'1st rq'.padStart(6)} ${'last rq'.padStart(7)} ${'done'.padStart(6)} ${'reqs'.padStart(5)} stores`
	);
	// Each transfer's crypto: the calls begun between its start (push: sealed before) and the next.
	const big = writes.filter((span) => span.requests >= 20);
	transfers.forEach((transfer_, index) => {
		const next = transfers[index + 1];
		const previous = transfers[index - 1];
		const mine =
			transfer === 'pull'
				? crypto.filter((c) => c.start >= transfer_.end && (!next || c.start < next.end))
				: crypto.filter(
						(c) => c.start < transfer_.start && (!previous || c.start >= previous.start)
					);
		const from = Math.min(...mine.map((c) => c.start));
		const to = Math.max(...mine.map((c) => c.end));
		const tx =
			transfer === 'pull'
				? big.find((t) => t.start >= transfer_.end && (!next || t.start < next.end + 5000))
				: big.find((t) => t.start >= transfer_.end);
		console.log(
			`   ${String(index).padStart(3)} ${ms(transfer_.start)} ${ms(transfer_.end - transfer_.start)} ${String(transfer_.rows).padStart(5)} ${ms(transfer_.bytes / 1024)} | crypto: ${String(mine.length).padStart(4)} ${mine.length ? ms(from) : '     -'} ${mine.length ? ms(to) : '     -'} | big rw tx: ${tx ? `${ms(tx.start)} ${ms(tx.firstRequest)} ${ms(tx.lastRequest).padStart(7)} ${ms(tx.end)} ${String(tx.requests).padStart(5)} ${tx.stores}` : '-'}`
		);
	});
	const other = writes.filter((span) => span.requests < 20);
	console.log(
		`   small rw transactions: ${other.length}, cover ${ms(covered(other))} ms; read-only ${idb.length - writes.length}, cover ${ms(covered(idb.filter((span) => span.mode !== 'readwrite')))} ms`
	);
	const bigOnes = big.map(
		(t) => `${t.stores}:${t.requests}@${ms(t.start).trim()}-${ms(t.end).trim()}`
	);
	console.log(`   all big rw tx: ${bigOnes.join('  ')}`);
}

/** The relay's own time for each page of the log, pulled from Node over loopback. */
async function relayPages(url: string, workspaceId: string, token: string, limit: number) {
	const times: number[] = [];
	let after = 0;
	let bytes = 0;
	for (;;) {
		const started = performance.now();
		const response = await fetch(
			new URL(relayPaths.syncPull(workspaceId, after, limit, 'binary'), url),
			{ headers: { authorization: `Bearer ${token}` } }
		);
		const body = new Uint8Array(await response.arrayBuffer());
		times.push(performance.now() - started);
		bytes += body.byteLength;
		if (body.byteLength < 64 || times.length * limit >= invoices + 10) break;
		after += limit;
	}
	console.log(
		`\n== relay pull pages of ${limit} from Node: ${times.length} pages, ${ms(bytes / 1024)} KB, ms each: ${times.map((t) => t.toFixed(1)).join(' ')}`
	);
}

/**
 * The relay's own time per pushed batch: `batches` pushes of 500 fresh rows the size of the
 * upload's (random bytes: nothing decrypts them, so only after an upload-only trace), sent from
 * Node over loopback one at a time, each answered once durable. `pair`: two at a time.
 */
async function relayPushes(url: string, workspaceId: string, token: string, pair: boolean) {
	const batches = 10;
	const times: number[] = [];
	const push = async () => {
		const rows = Array.from({ length: 500 }, () => ({
			clientId: randomUUID(),
			docId: randomUUID(),
			envelope: new Uint8Array(randomBytes(2700))
		}));
		const started = performance.now();
		const response = await fetch(new URL(relayPaths.syncPush(workspaceId), url), {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': SYNC_PUSH_FRAMES_MEDIA_TYPE },
			body: encodePushFrames(rows)
		});
		await response.arrayBuffer();
		if (!response.ok) throw new Error(`push answered ${response.status}`);
		times.push(performance.now() - started);
	};
	const cpu = childrenCpu().relay;
	const started = performance.now();
	for (let i = 0; i < batches; i += pair ? 2 : 1)
		await Promise.all(pair ? [push(), push()] : [push()]);
	const wall = performance.now() - started;
	console.log(
		`\n== relay pushes of 500 rows from Node, ${pair ? 'two' : 'one'} at a time: ${batches} in ${ms(wall)} ms, relay CPU ${((childrenCpu().relay - cpu) * 1000).toFixed(0)} ms; ms each: ${times.map((t) => t.toFixed(0)).join(' ')}`
	);
}

const browser = await launchBrowser();
const relay = await startSyncRelay(bundle);
try {
	const { context, page } = await openSyncPage(browser, relay);
	// Chromium's sampling profile of the upload's main thread, for a closer look (TRACE_PROFILE=file).
	const profileTo = process.env['TRACE_PROFILE'];
	const cdp = profileTo ? await context.newCDPSession(page) : undefined;
	if (cdp) {
		await cdp.send('Profiler.enable');
		await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
		await cdp.send('Profiler.start');
	}
	const profiledFrom = await page.evaluate(() => performance.now());
	const upload = await withCpu(() =>
		page.evaluate(([invite, count]) => window.billfoldBench.sync.traceUpload(invite, count), [
			SYNC_INVITE,
			invoices
		] as const)
	);
	report(`upload of ${invoices}`, upload.result.ms, upload.result.spans, 'push', upload.cpu);
	// Every span of the upload as JSON, for a closer look than the report's (TRACE_SPANS=file).
	const dump = process.env['TRACE_SPANS'];
	if (dump) writeFileSync(dump, JSON.stringify(upload.result.spans));
	if (cdp && profileTo) {
		const { profile } = await cdp.send('Profiler.stop');
		writeFileSync(profileTo, JSON.stringify({ profiledFrom, profile }));
	}
	const credentials = await page.evaluate(() => window.billfoldBench.sync.credentials());
	if (credentials && !uploadOnly) {
		for (const limit of [1000, 2500])
			await relayPages(relay.url, credentials.workspaceId, credentials.deviceToken, limit);
	}
	if (credentials && uploadOnly && process.env['TRACE_RELAY_PUSHES']) {
		for (const pair of [false, true, false, true])
			await relayPushes(relay.url, credentials.workspaceId, credentials.deviceToken, pair);
	}
	if (!uploadOnly) {
		const warm = await page.evaluate(() => window.billfoldBench.sync.bootstrapDevice());
		console.log(`\nwarm-up bootstrap ${warm.toFixed(0)} ms`);
	}
	for (let run = 0; run < bootstraps; run++) {
		const boot = await withCpu(() =>
			page.evaluate(() => window.billfoldBench.sync.traceBootstrap())
		);
		report(
			`bootstrap of ${invoices} (#${run + 1})`,
			boot.result.ms,
			boot.result.spans,
			'pull',
			boot.cpu
		);
	}
	await page.evaluate(() => window.billfoldBench.sync.stopAll());
	await context.close();
} finally {
	await relay.stop();
	await browser.close();
}
