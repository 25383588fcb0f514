import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from '@playwright/test';
import type { AppServer } from '../../tests/e2e/app-server';
import type { Report } from './report';
import type { FileConcerns } from '../chunk-concerns';
import {
	buildFile,
	filesHolding,
	mergeConcerns,
	servedPath,
	summarisePrecache,
	type PrecachedFile
} from './precache';
import { summarise } from './stats';

const buildDir = 'build';
const viteManifest = '.svelte-kit/output/client/.vite/manifest.json';
/** What each built file is made of, written by every build (scripts/chunk-concerns.ts). */
const concernsDir = '.svelte-kit/output/chunk-concerns';

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

	await benchPrecache(report, browser, server);

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

/**
 * The body bytes the service worker's own fetches took on the wire, still coded, read from its
 * Resource Timing entries: the precache downloads happen there, not in the page. Only the URLs it
 * cached count; one missing from the timing buffer is left out, and the note says how many count.
 */
async function wireBytes(
	context: BrowserContext,
	urls: ReadonlySet<string>
): Promise<{ bytes: number; files: number }> {
	const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
	const timings = await worker.evaluate(() =>
		performance.getEntriesByType('resource').map((entry) => ({
			url: entry.name,
			encoded: (entry as PerformanceResourceTiming).encodedBodySize
		}))
	);
	const seen = new Map<string, number>();
	for (const timing of timings) if (urls.has(timing.url)) seen.set(timing.url, timing.encoded);
	return { bytes: [...seen.values()].reduce((sum, bytes) => sum + bytes, 0), files: seen.size };
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

/**
 * What a first visit's service worker stores, read from its caches once it is active: every file
 * and its bytes as stored (decoded), the bytes its download took on the wire, and which concerns
 * (packages, src/lib folders) they are made of.
 */
async function benchPrecache(report: Report, browser: Browser, server: AppServer): Promise<void> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(server.url);
	const cached = await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		const entries: { cache: string; url: string; bytes: number }[] = [];
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const request of await cache.keys()) {
				const response = await cache.match(request);
				const bytes = response ? (await response.arrayBuffer()).byteLength : 0;
				entries.push({ cache: name, url: request.url, bytes });
			}
		}
		return entries;
	});
	const wire = await wireBytes(context, new Set(cached.map((entry) => entry.url)));
	await context.close();

	const records: FileConcerns[] = [];
	for (const name of await readdir(concernsDir)) {
		records.push(JSON.parse(await readFile(join(concernsDir, name), 'utf8')) as FileConcerns);
	}
	const concerns = mergeConcerns(records);
	const files: PrecachedFile[] = [];
	for (const entry of cached) {
		const path = servedPath(entry.url);
		files.push({
			path,
			bytes: entry.bytes,
			gzip: await gzipSize(join(buildDir, buildFile(path))),
			concerns: concerns.get(path) ?? {}
		});
	}
	const summary = summarisePrecache(files);
	const perCache = [...new Set(cached.map((entry) => entry.cache))]
		.map((name) => `${name}: ${cached.filter((entry) => entry.cache === name).length}`)
		.join(', ');
	const script = (await readFile(join(buildDir, 'service-worker.js'))).length;
	report.value('app', 'precached at install: bytes stored (decoded)', kb(summary.bytes), 'KB', {
		note: `${summary.files} files (${perCache}); gzip ${kb(summary.gzip)} KB; + service-worker.js ${kb(script)} KB`
	});
	report.value('app', 'precached at install: bytes on the wire', kb(wire.bytes), 'KB', {
		note: `as the relay sent them (Content-Encoding negotiated with Chromium), ${wire.files} of ${cached.length} files measured by the service worker's Resource Timing (encodedBodySize)`
	});
	for (const share of summary.byConcern.slice(0, 12)) {
		report.value('app', `precached: ${share.concern} (raw)`, kb(share.bytes), 'KB', {
			note: `gzip ${kb(share.gzip)} KB, in ${share.files} file${share.files === 1 ? '' : 's'}`
		});
	}
	for (const library of ['jspdf', 'pdf-lib']) {
		const holding = filesHolding(files, library);
		report.value('app', `precached copies of ${library}`, holding.length, 'files', {
			budget: '1',
			note: holding.join(' ')
		});
	}
}
