import { join, normalize } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { AppServer } from '../../tests/e2e/app-server';
import type { Report } from './report';

/**
 * A browser context with the bench's page waiter, on the bench's seeding page: it is part of the
 * bench bundle, never of the app, and is served under the app's origin (IndexedDB is per origin)
 * only inside this context.
 */
async function seedingPage(
	browser: Browser,
	server: AppServer,
	benchBundle: string
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext();
	await context.addInitScript({ content: installWaiter });
	await context.route(`${server.url}/__bench/**`, async (route) => {
		// A leading slash before normalising keeps `..` from climbing out of the bundle.
		const path = normalize(`/${new URL(route.request().url()).pathname.slice('/__bench/'.length)}`);
		await route.fulfill({ path: join(benchBundle, path) });
	});
	const page = await context.newPage();
	await page.goto(`${server.url}/__bench/seed.html`);
	await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
	return { context, page };
}

/** What to seed: `count` of `what`, by the seeding page's `seeder`, reported under `section`. */
export interface Seeding {
	section: string;
	what: string;
	count: number;
	seeder: 'billfoldSeed' | 'billfoldSeedPurchases';
}

/**
 * The seeding page with `seeding` written into the app's IndexedDB, and the time that took
 * reported: where the overview and inbox list benches start.
 */
export async function seededPage(
	report: Report,
	browser: Browser,
	server: AppServer,
	benchBundle: string,
	seeding: Seeding
): Promise<{ context: BrowserContext; page: Page }> {
	const opened = await seedingPage(browser, server, benchBundle);
	const seedStarted = performance.now();
	await opened.page.evaluate(({ seeder, count }) => window[seeder](count), seeding);
	report.value(
		seeding.section,
		`seed ${seeding.count.toLocaleString('en')} ${seeding.what}`,
		Math.round((performance.now() - seedStarted) / 100) / 10,
		's'
	);
	return opened;
}

/**
 * Installed in the app's pages: resolves on the first frame after `ready()` holds, checked on
 * every DOM change, so a timing ends when the browser can paint the result. A string, because
 * tsx would wrap a serialised function in helpers the page does not have.
 */
const installWaiter = `
window.billfoldBenchWait = (ready) =>
	new Promise((resolve, reject) => {
		const done = () => requestAnimationFrame(() => resolve());
		if (ready()) return done();
		const timer = setTimeout(() => {
			observer.disconnect();
			reject(new Error('bench: the page never reached ' + ready.toString()));
		}, 60000);
		const observer = new MutationObserver(() => {
			if (!ready()) return;
			clearTimeout(timer);
			observer.disconnect();
			done();
		});
		observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
	});
`;

declare global {
	interface Window {
		billfoldBenchWait(ready: () => boolean): Promise<void>;
	}
}
