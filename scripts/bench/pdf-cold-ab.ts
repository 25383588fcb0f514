/**
 * `npx tsx scripts/bench/pdf-cold-ab.ts [--rounds 5] <bundle>…`: the pdf bench's cold first PDF
 * (a fresh page spawns the PDF worker and makes its first invoice, no warm-up) and the anchor's
 * first print of a fresh page, for several builds of the bench bundle, taking turns page by page
 * in one Chromium so each build is measured under the same load. Build each bundle with
 * `npx vite build -c scripts/bench/vite.bench.config.ts --outDir /tmp/<name>`. Also prints the PDF
 * worker thread's and all of Chromium's CPU time (Linux /proc, 10 ms ticks), which the machine's load moves far less.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { launchBrowser } from './browser';
import { firstPdfOnPage, firstPrintMs } from './pdf';
import { serveDirectory } from './static-server';
import { summarise } from './stats';

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 5;
if (args.length < 1) {
	console.error('usage: pdf-cold-ab.ts [--rounds 5] <bundle>…');
	process.exit(2);
}

/**
 * CPU milliseconds of this process tree's threads by thread, from /proc, and of its PDF worker
 * threads (Chromium names them "DedicatedWorker") again under worker/: CPU time moves far less
 * with the machine's load than wall time.
 */
function threadCpu(): Map<string, number> {
	const children = new Map<string, string[]>();
	for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const parent = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '';
			children.set(parent, [...(children.get(parent) ?? []), pid]);
		} catch {
			// gone meanwhile
		}
	}
	const tree: string[] = [];
	const visit = (pid: string) => {
		for (const child of children.get(pid) ?? []) {
			tree.push(child);
			visit(child);
		}
	};
	visit(String(process.pid));
	const cpu = new Map<string, number>();
	for (const pid of tree) {
		try {
			for (const tid of readdirSync(`/proc/${pid}/task`)) {
				const comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
				const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
				const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
				const ms = (Number(fields[11]) + Number(fields[12])) * 10;
				cpu.set(`all/${pid}/${tid}`, ms);
				if (comm.startsWith('DedicatedWorker')) cpu.set(`worker/${pid}/${tid}`, ms);
			}
		} catch {
			// gone meanwhile
		}
	}
	return cpu;
}

const browser = await launchBrowser();
const servers = await Promise.all(args.map((bundle) => serveDirectory(bundle)));
try {
	const setup = await browser.newPage();
	await setup.goto(servers[0]?.url ?? '');
	await setup.waitForSelector('body[data-ready="true"]', { state: 'attached' });
	const images = await setup.evaluate(() => window.billfoldBench.preparedLogo());
	const html = await setup.evaluate(() => window.billfoldBench.html(5));
	await setup.close();
	const cold = args.map((): number[] => []);
	const cpu = args.map((): number[] => []);
	const allCpu = args.map((): number[] => []);
	const anchor: number[] = [];
	for (let round = 0; round < rounds; round++) {
		// Each round starts with the next build, so none is always the one right after the anchor.
		for (let turn = 0; turn < servers.length; turn++) {
			const index = (round + turn) % servers.length;
			const server = servers[index];
			if (!server) continue;
			const page = await browser.newPage();
			await page.goto(server.url);
			await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
			const before = threadCpu();
			const result = await firstPdfOnPage(page, images, false);
			cold[index]?.push(result.ms);
			let spent = 0;
			let all = 0;
			for (const [thread, ms] of threadCpu()) {
				const delta = ms - (before.get(thread) ?? 0);
				if (thread.startsWith('worker/')) spent += delta;
				else all += delta;
			}
			cpu[index]?.push(spent);
			allCpu[index]?.push(all);
			await page.close();
		}
		anchor.push(await firstPrintMs(browser, html));
	}
	const show = (samples: number[]) => {
		const { median, min, max } = summarise(samples);
		return `median ${median.toFixed(0)} ms (min ${min.toFixed(0)}, max ${max.toFixed(0)}, n=${samples.length})`;
	};
	const anchorMedian = summarise(anchor).median;
	console.log(`anchor, first print of a fresh page: ${show(anchor)}`);
	for (const [index, bundle] of args.entries()) {
		const samples = cold[index] ?? [];
		// Paired by round against the first bundle: the load drifts between rounds far more than
		// within one, so the median of the rounds' ratios is steadier than the ratio of medians.
		const paired = samples.map((ms, round) => ms / (cold[0]?.[round] ?? ms));
		console.log(
			`${bundle}: cold first PDF ${show(samples)}; ${(summarise(samples).median / anchorMedian).toFixed(2)}× the anchor; ${index > 0 ? `paired with ${args[0]}: median ratio ${summarise(paired).median.toFixed(2)} (${paired.filter((ratio) => ratio < 1).length} of ${paired.length} rounds faster); ` : ''}PDF worker CPU ${show(cpu[index] ?? [])}; all of Chromium's CPU ${show(allCpu[index] ?? [])}`
		);
	}
} finally {
	await Promise.all(servers.map((server) => server.close()));
	await browser.close();
}
