/**
 * `npm run bench [-- --quick] [-- --json results.json]`: every figure the issues budget, measured
 * side by side with its anchor in one run. Nothing here fails on a number; shared machines are noisy.
 */
import { existsSync } from 'node:fs';
import { startAppServer } from '../../tests/e2e/app-server';
import { benchApp } from './app';
import { launchBrowser } from './browser';
import { Report } from './report';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonIndex = args.indexOf('--json');
const jsonFile = jsonIndex >= 0 ? (args[jsonIndex + 1] ?? 'bench-results.json') : undefined;
const runs = quick ? 2 : 9;

const report = new Report(quick ? 'quick' : 'full');
console.log(`Billfold bench (${report.meta.mode}) on ${report.meta.machine}`);

if (!existsSync('build/index.html') || !existsSync('relay/dist/main.js')) {
	console.error(
		'bench: build the app and the relay first (npm run build && npm --prefix relay run build)'
	);
	process.exit(2);
}

const browser = await launchBrowser();
const server = await startAppServer();
try {
	await benchApp(report, browser, server, runs);
} finally {
	await server.stop();
	await browser.close();
}

if (jsonFile) await report.writeJson(jsonFile);
console.log(`\n${report.markdown()}`);
