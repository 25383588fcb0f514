import type { Browser, Page } from '@playwright/test';
import type { AppServer } from '../../tests/e2e/app-server';
import type { Report } from './report';
import { seededPage } from './seeded-page';
import { summarise } from './stats';

/**
 * Seeds `count` invoices through the bench's own seeding page, then times what a user feels:
 * the overview's first render, each keystroke of a search, and a filter change, each until the
 * filtered summary on screen has changed.
 */
export async function benchOverview(
	report: Report,
	browser: Browser,
	server: AppServer,
	benchBundle: string,
	count: number,
	runs: number
): Promise<void> {
	const { context, page } = await seededPage(report, browser, server, benchBundle, {
		section: 'overview',
		what: 'invoices',
		count,
		seeder: 'billfoldSeed'
	});

	const countText = count.toLocaleString('en');
	const shown = page.locator(`[data-testid="overview-summary"][data-complete="true"]`, {
		hasText: `${countText} documents`
	});
	// The first visit reads every row and packs the cache later visits start from.
	const firstVisitStarted = performance.now();
	await page.goto(`${server.url}/invoices`);
	await shown.waitFor({ timeout: 120_000 });
	report.value(
		'overview',
		`first visit after the seed, building the cache (page load → all ${countText} rows and totals)`,
		Math.round(performance.now() - firstVisitStarted),
		'ms'
	);

	const nav = page.getByRole('navigation');
	const firstScreens: number[] = [];
	const allRows: number[] = [];
	for (let i = 0; i < runs; i++) {
		await nav.getByRole('link', { name: 'Contacts', exact: true }).click();
		await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
		const arrival = await timeOverviewArrival(page, countText);
		firstScreens.push(arrival.firstScreen);
		allRows.push(arrival.allRows);
	}
	report.time(
		'overview',
		`first render with ${countText} invoices (in-app navigation → first rows and all totals on screen)`,
		summarise(firstScreens),
		{ budget: '≤ 300 ms' }
	);
	report.time(
		'overview',
		`all ${countText} rows in memory, ready to search and sort (in-app navigation)`,
		summarise(allRows)
	);

	const reloads: number[] = [];
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		await page.reload();
		await shown.waitFor({ timeout: 120_000 });
		reloads.push(performance.now() - started);
	}
	report.time(
		'overview',
		`reload with ${countText} invoices (app start from the service worker → rows and totals)`,
		summarise(reloads)
	);

	const keystrokes = await page.evaluate(async (query) => {
		const input = document.querySelector<HTMLInputElement>('[data-testid="overview-search"]');
		const status = document.querySelector<HTMLElement>('[data-testid="overview-summary"]');
		if (!input || !status) throw new Error('overview search or summary not found');
		const times: number[] = [];
		for (const character of query) {
			const started = performance.now();
			input.value += character;
			input.dispatchEvent(new Event('input', { bubbles: true }));
			await window.billfoldBenchWait(() => status.dataset['search'] === input.value);
			times.push(performance.now() - started);
		}
		return times;
	}, 'delta 1');
	report.time(
		'overview',
		'search, per keystroke (until the filtered rows and totals are on screen)',
		summarise(keystrokes),
		{ budget: '≤ 100 ms' }
	);

	await page.getByTestId('overview-search').fill('');
	const filterTimes = await page.evaluate(async () => {
		const select = document.querySelector<HTMLSelectElement>('form[role="search"] select');
		const status = document.querySelector<HTMLElement>('[data-testid="overview-summary"]');
		if (!select || !status) throw new Error('overview filter not found');
		const times: number[] = [];
		const values = [...select.options].map((option) => option.value);
		for (const value of [...values.slice(1), ''].slice(0, 6)) {
			const started = performance.now();
			select.value = value;
			select.dispatchEvent(new Event('change', { bubbles: true }));
			await window.billfoldBenchWait(() => status.dataset['status'] === value);
			times.push(performance.now() - started);
		}
		return times;
	});
	report.time('overview', 'status filter change', summarise(filterTimes));
	await context.close();
}

/**
 * Clicks "Sales invoices" in the navigation and times, in the page so no polling interval is
 * added, two moments: the first rows and the totals of all `countText` documents on screen (the
 * totals come from their own small cache row), and every row in memory, ready to search and sort.
 */
async function timeOverviewArrival(
	page: Page,
	countText: string
): Promise<{ firstScreen: number; allRows: number }> {
	return page.evaluate(async (countText) => {
		const link = [...document.querySelectorAll<HTMLAnchorElement>('nav a')].find(
			(a) => a.textContent?.trim() === 'Sales invoices'
		);
		if (!link) throw new Error('no "Sales invoices" link');
		// No named helpers here: tsx would wrap them in a function the page does not have.
		const started = performance.now();
		link.click();
		await window.billfoldBenchWait(
			() =>
				(document.querySelector('[data-testid="overview-summary"]')?.textContent ?? '').includes(
					`${countText} documents`
				) && document.querySelectorAll('[role="row"]').length > 1
		);
		const firstScreen = performance.now() - started;
		await window.billfoldBenchWait(
			() =>
				document.querySelector<HTMLElement>('[data-testid="overview-summary"]')?.dataset[
					'complete'
				] === 'true'
		);
		return { firstScreen, allRows: performance.now() - started };
	}, countText);
}
