// scratch: alternate rules loads between bundles given on the command line
import { chromium } from '@playwright/test';
import { launchOptions } from '../browser.mjs';
import { serveDirectory } from './static-server';

const dirs = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const n = Number(process.argv.find((a) => a.startsWith('--n='))?.slice(4) ?? 8);
const browser = await chromium.launch(launchOptions());
const pages = [];
for (const dir of dirs) {
	const server = await serveDirectory(dir);
	const page = await browser.newPage();
	await page.goto(server.url);
	await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
	await page.evaluate(() => window.billfoldBench.rules.load());
	pages.push({ dir, page, loads: [] as { ms: number; loadMs: number; phases: Record<string, number>; firstCheckMs: number }[] });
}
for (let i = 0; i < n; i++) {
	for (const p of i % 2 ? [...pages].reverse() : pages) p.loads.push(await p.page.evaluate(() => window.billfoldBench.rules.load()));
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
for (const p of pages) {
	const ph = (k: string) => Math.round(med(p.loads.map((l) => l.phases[k] ?? NaN)));
	console.log(`${p.dir}: page→ready median ${Math.round(med(p.loads.map((l) => l.ms)))} ms (min ${Math.round(Math.min(...p.loads.map((l) => l.ms)))}), inside ${Math.round(med(p.loads.map((l) => l.loadMs)))} (files ${ph('files')}, rules ${ph('schematron')}, xsd ${ph('xsd')}), worker start→ready ${ph('sinceWorkerStart')}, first check ${Math.round(med(p.loads.map((l) => l.firstCheckMs)))}`);
}
await browser.close();
process.exit(0);
