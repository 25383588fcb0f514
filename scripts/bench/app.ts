import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import type { AppServer } from '../../tests/e2e/app-server';
import type { Report } from './report';
import { summarise } from './stats';

const buildDir = 'build';
const viteManifest = '.svelte-kit/output/client/.vite/manifest.json';

async function gzipSize(file: string): Promise<number> {
	return gzipSync(await readFile(file), { level: 9 }).length;
}

async function allChunks(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { withFileTypes: true, recursive: true });
	return entries
		.filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
		.map((entry) => join(entry.parentPath, entry.name));
}

interface ManifestEntry {
	file: string;
	imports?: string[];
}

/** The layout and Kit's runtime with every static import: what any page costs before its own code. */
async function shellFiles(): Promise<string[]> {
	const manifest = JSON.parse(await readFile(viteManifest, 'utf8')) as Record<
		string,
		ManifestEntry
	>;
	const roots = Object.keys(manifest).filter((key) =>
		/client-optimized\/app\.js$|client\/entry\.js$|client-optimized\/nodes\/0\.js$/.test(key)
	);
	const seen = new Set<string>();
	const stack = [...roots];
	while (stack.length > 0) {
		const key = stack.pop();
		if (key === undefined || seen.has(key)) continue;
		seen.add(key);
		stack.push(...(manifest[key]?.imports ?? []));
	}
	return [...seen].map((key) => `/${manifest[key]?.file ?? key}`);
}

/** The per-language message chunks (src/lib/i18n/bundles/*), one of which every page loads. */
async function languageBundles(): Promise<string[]> {
	const manifest = JSON.parse(await readFile(viteManifest, 'utf8')) as Record<
		string,
		ManifestEntry
	>;
	return Object.entries(manifest)
		.filter(([source]) => source.includes('src/lib/i18n/bundles/'))
		.map(([, entry]) => `/${entry.file}`);
}

/** Names each built chunk after the source module or package that dominates it. */
async function chunkNames(): Promise<Map<string, string>> {
	const names = new Map<string, string>();
	const manifest = JSON.parse(await readFile(viteManifest, 'utf8')) as Record<
		string,
		{ file: string; name?: string }
	>;
	for (const [source, entry] of Object.entries(manifest)) {
		const label = source.includes('node_modules/')
			? (/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1] ?? source)
			: source.replace(/^.*?src\//, 'src/');
		if (!names.has(entry.file)) names.set(entry.file, label);
	}
	return names;
}

export async function benchApp(
	report: Report,
	browser: Browser,
	server: AppServer,
	runs: number
): Promise<void> {
	const context = await browser.newContext();
	const page = await context.newPage();
	const loaded = new Set<string>();
	page.on('response', (response) => {
		const url = new URL(response.url());
		if (url.pathname.endsWith('.js') && url.pathname.startsWith('/_app/')) loaded.add(url.pathname);
	});
	await page.goto(`${server.url}/invoices`, { waitUntil: 'networkidle' });
	await page.getByRole('heading', { level: 1 }).waitFor();
	let shell = 0;
	for (const path of await shellFiles()) shell += await gzipSize(join(buildDir, path));
	// The shell shows nothing before its one UI language has loaded: count the largest of them.
	let language = 0;
	for (const path of await languageBundles()) {
		language = Math.max(language, await gzipSize(join(buildDir, path)));
	}
	report.value(
		'app',
		'initial JS of the shell with its UI language (gzip)',
		Math.round((shell + language) / 102.4) / 10,
		'KB',
		{ budget: '≤ 120 KB', note: `language bundle ${Math.round(language / 102.4) / 10} KB` }
	);
	let initial = 0;
	for (const path of loaded) initial += await gzipSize(join(buildDir, path));
	report.value(
		'app',
		'JS loaded to show the overview (gzip)',
		Math.round(initial / 102.4) / 10,
		'KB',
		{
			note: `${loaded.size} files`
		}
	);

	const names = await chunkNames();
	const lazy: { name: string; size: number }[] = [];
	for (const file of await allChunks(join(buildDir, '_app/immutable'))) {
		const path = `/${file.slice(buildDir.length + 1)}`;
		if (loaded.has(path)) continue;
		const size = await gzipSize(file);
		if (size < 2048) continue;
		lazy.push({ name: names.get(path.slice('/'.length)) ?? path, size });
	}
	lazy.sort((a, b) => b.size - a.size);
	for (const chunk of lazy.slice(0, 12)) {
		report.value(
			'app',
			`lazy chunk ${chunk.name} (gzip)`,
			Math.round(chunk.size / 102.4) / 10,
			'KB'
		);
	}

	const cold: number[] = [];
	const warm: number[] = [];
	for (let i = 0; i < runs; i++) {
		const fresh = await browser.newContext();
		const tab = await fresh.newPage();
		cold.push(await timeToOverview(tab, server.url));
		await tab.evaluate(() => navigator.serviceWorker.ready);
		await tab.reload();
		await tab.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
		warm.push(await timeToOverview(tab, server.url));
		await fresh.close();
	}
	report.time('app', 'time to a usable overview, cold (network)', summarise(cold));
	report.time('app', 'time to a usable overview, warm (service worker)', summarise(warm));
	await context.close();
}

async function timeToOverview(page: import('@playwright/test').Page, url: string): Promise<number> {
	const started = performance.now();
	await page.goto(`${url}/invoices`);
	await page.getByRole('heading', { level: 1 }).waitFor();
	return performance.now() - started;
}
