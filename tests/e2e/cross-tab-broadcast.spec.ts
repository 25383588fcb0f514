import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'vite';

// Two tabs of one origin, each with the app's database (tests/fixtures/cross-tab): a burst of
// saves in one reaches the other's liveQuery in full, through fewer channel messages
// (src/lib/storage/cross-tab-broadcast.ts).
const ORIGIN = 'http://cross-tab.test';
const root = fileURLToPath(new URL('../fixtures/cross-tab', import.meta.url));
let outDir = '';

test.beforeAll(async () => {
	outDir = await mkdtemp(join(tmpdir(), 'billfold-cross-tab-'));
	await build({
		configFile: false,
		root,
		base: './',
		logLevel: 'warn',
		resolve: { alias: { $lib: fileURLToPath(new URL('../../src/lib', import.meta.url)) } },
		build: { outDir, emptyOutDir: true, target: 'es2022' }
	});
});

test.afterAll(async () => {
	if (outDir) await rm(outDir, { recursive: true, force: true });
});

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

async function serve(context: BrowserContext): Promise<void> {
	await context.route(`${ORIGIN}/**`, async (route) => {
		const path = new URL(route.request().url()).pathname;
		const file = join(outDir, path === '/' ? 'index.html' : path);
		await route.fulfill({
			body: await readFile(file),
			contentType: types[extname(file)] ?? 'application/octet-stream'
		});
	});
}

async function tab(context: BrowserContext, query = ''): Promise<Page> {
	const page = await context.newPage();
	await page.goto(`${ORIGIN}/${query}`);
	await page.waitForFunction(() => window.crossTab !== undefined);
	expect(await page.evaluate(() => window.crossTab.coalesced)).toBe(true);
	return page;
}

const ids = (from: number, to: number) =>
	Array.from({ length: to - from }, (_, index) => `contact-${from + index}`);

test('a burst of saves reaches the other tab in full, in one message after the first', async ({
	browser
}) => {
	const context = await browser.newContext();
	await serve(context);
	// A window far longer than the test: only the first change and the flush when the tab is left
	// send a message, whatever the machine's speed.
	const query = '?window=600000';
	const watcher = await tab(context, query);
	await watcher.evaluate(() => window.crossTab.watch());
	const writer = await tab(context, query);
	// Opening the database may have sent messages of its own; the saves' are counted from here.
	const before = await watcher.evaluate(() => window.crossTab.messages());
	const sent = async () => (await watcher.evaluate(() => window.crossTab.messages())) - before;

	await writer.evaluate((first) => window.crossTab.save(first), ids(0, 1));
	await watcher.evaluate((first) => window.crossTab.hears(first), ids(0, 1));
	expect(await sent()).toBe(1);

	await writer.evaluate((rest) => window.crossTab.save(rest), ids(1, 40));
	const heard = watcher.evaluate((all) => window.crossTab.hears(all), ids(0, 40));
	// Leaving the tab sends what is still waiting (before Dexie closes its channel).
	await writer.goto('about:blank');
	await heard;
	expect(await sent()).toBe(2);
	await context.close();
});

test('with the default window the other tab hears every change of a burst', async ({ browser }) => {
	const context = await browser.newContext();
	await serve(context);
	const watcher = await tab(context);
	await watcher.evaluate(() => window.crossTab.watch());
	const writer = await tab(context);

	const all = ids(0, 200);
	const heard = watcher.evaluate((every) => window.crossTab.hears(every), all);
	await writer.evaluate((every) => window.crossTab.save(every), all);
	// The writer stays open: the last changes arrive by the window's timer, not by leaving.
	// Only that every change arrives is checked: the message count depends on the timer under load
	// (the first test checks the counts).
	await heard;
	await context.close();
});
