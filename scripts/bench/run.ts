/**
 * `npm run bench [-- --quick] [-- --json results.json] [-- --only pdf,ubl,rules,bank,inbox,app,overview,sync,relay]`: every figure the issues budget, measured
 * side by side with its anchor in one run. Nothing here fails on a number; shared machines are noisy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startAppServer } from '../../tests/e2e/app-server';
import { benchApp } from './app';
import { benchBank } from './bank';
import { benchInbox, benchInboxList } from './inbox';
import { launchBrowser } from './browser';
import { benchOverview } from './overview';
import { benchPdf } from './pdf';
import { benchRelay } from './relay';
import { benchRules } from './rules';
import { benchSync } from './sync';
import { serveDirectory } from './static-server';
import { benchUbl } from './ubl';
import { Report } from './report';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonIndex = args.indexOf('--json');
const jsonFile = jsonIndex >= 0 ? (args[jsonIndex + 1] ?? 'bench-results.json') : undefined;
const runs = quick ? 2 : 9;
/** Unrecorded runs first: Chromium optimises hot code only after a few dozen calls. */
const warmup = quick ? 2 : 20;
const onlyIndex = args.indexOf('--only');
/** `--only sync,relay` runs just those sections, for working on one of them. */
const only = onlyIndex >= 0 ? new Set((args[onlyIndex + 1] ?? '').split(',')) : undefined;
const wanted = (section: string) => !only || only.has(section);

const report = new Report(quick ? 'quick' : 'full');
console.log(`Billfold bench (${report.meta.mode}) on ${report.meta.machine}`);

if (!existsSync('build/index.html') || !existsSync('relay/dist/main.js')) {
	console.error(
		'bench: build the app and the relay first (npm run build && npm --prefix relay run build)'
	);
	process.exit(2);
}

const built = spawnSync('npx', ['vite', 'build', '-c', 'scripts/bench/vite.bench.config.ts'], {
	stdio: ['ignore', 'ignore', 'inherit']
});
if (built.status !== 0) process.exit(built.status ?? 1);
const benchBundle = fileURLToPath(
	new URL('../../node_modules/.cache/billfold-bench', import.meta.url)
);

const browser = await launchBrowser();
const server = await startAppServer();
const bundle = await serveDirectory(benchBundle);
try {
	const page = await browser.newPage();
	await page.goto(bundle.url);
	await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
	if (wanted('pdf')) await benchPdf(report, browser, page, runs, warmup);
	if (wanted('ubl')) await benchUbl(report, page, runs, quick, warmup);
	if (wanted('rules')) await benchRules(report, page, runs, quick, warmup);
	if (wanted('bank'))
		await benchBank(
			report,
			page,
			quick ? 2 : 5,
			quick ? { movements: 1_000, invoices: 10_000 } : { movements: 10_000, invoices: 100_000 }
		);
	if (wanted('inbox')) await benchInbox(report, page, runs, warmup);
	await page.close();
	if (wanted('app')) await benchApp(report, browser, server, runs);
	if (wanted('inbox'))
		await benchInboxList(report, browser, server, benchBundle, 10_000, quick ? 2 : 5);
	if (wanted('overview'))
		await benchOverview(
			report,
			browser,
			server,
			benchBundle,
			quick ? 2_000 : 100_000,
			quick ? 2 : 5
		);
	if (wanted('sync'))
		await benchSync(
			report,
			browser,
			benchBundle,
			quick
				? { invoices: 500, bootstrapRuns: 2, propagationSamples: 10, appends: 100 }
				: { invoices: 10_000, bootstrapRuns: 3, propagationSamples: 50, appends: 1000 }
		);
} finally {
	await bundle.close();
	await server.stop();
	await browser.close();
}

if (wanted('relay')) benchRelay(report, quick);

if (jsonFile) await report.writeJson(jsonFile);
console.log(`\n${report.markdown()}`);
