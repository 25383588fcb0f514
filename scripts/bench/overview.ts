import type { Browser } from '@playwright/test';
import type { AppServer } from '../../tests/e2e/app-server';
import type { Report } from './report';
import { summarise } from './stats';

/**
 * Seeds `count` invoices through the app's own seeding page, then times what a user feels:
 * the overview's first render, each keystroke of a search, and a filter change, each until the
 * filtered summary on screen has changed.
 */
export async function benchOverview(
	report: Report,
	browser: Browser,
	server: AppServer,
	count: number,
	runs: number
): Promise<void> {
	const context = await browser.newContext();
	const page = await context.newPage();
	const seedStarted = performance.now();
	await page.goto(`${server.url}/invoices/bench-seed?n=${count}`);
	const seedButton = page.getByRole('button', { name: /^Add [\d,. \u202f]+ sample invoices$/ });
	await seedButton.click();
	await page.locator('[data-seeded="true"]').waitFor({ timeout: 15 * 60_000 });
	report.value(
		'overview',
		`seed ${count.toLocaleString('en')} invoices`,
		Math.round((performance.now() - seedStarted) / 100) / 10,
		's'
	);

	const summary = page.getByTestId('overview-summary');
	const firstRender: number[] = [];
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		await page.goto(`${server.url}/invoices`);
		await page.getByRole('row').nth(1).waitFor();
		await summary
			.filter({ hasText: count.toLocaleString('en') })
			.waitFor({ timeout: 120_000 })
			.catch(() => undefined);
		firstRender.push(performance.now() - started);
	}
	report.time(
		'overview',
		`first render with ${count.toLocaleString('en')} invoices (navigation → rows and totals)`,
		summarise(firstRender),
		{
			budget: '≤ 300 ms'
		}
	);

	const keystrokes = await page.evaluate(async (query) => {
		const input = document.querySelector<HTMLInputElement>('[data-testid="overview-search"]');
		const status = document.querySelector('[data-testid="overview-summary"]');
		if (!input || !status) throw new Error('overview search or summary not found');
		const times: number[] = [];
		for (const character of query) {
			const before = status.textContent;
			const changed = new Promise<void>((resolve) => {
				const observer = new MutationObserver(() => {
					if (status.textContent !== before) {
						observer.disconnect();
						resolve();
					}
				});
				observer.observe(status, { subtree: true, childList: true, characterData: true });
				setTimeout(() => {
					observer.disconnect();
					resolve();
				}, 5_000);
			});
			const started = performance.now();
			input.value += character;
			input.dispatchEvent(new Event('input', { bubbles: true }));
			await changed;
			await new Promise(requestAnimationFrame);
			times.push(performance.now() - started);
		}
		return times;
	}, 'delta 1');
	report.time(
		'overview',
		'search, per keystroke (until the filtered totals are on screen)',
		summarise(keystrokes),
		{
			budget: '≤ 100 ms'
		}
	);

	await page.getByTestId('overview-search').fill('');
	const filterTimes = await page.evaluate(async () => {
		const select = document.querySelector<HTMLSelectElement>('form[role="search"] select');
		const status = document.querySelector('[data-testid="overview-summary"]');
		if (!select || !status) throw new Error('overview filter not found');
		const times: number[] = [];
		const values = [...select.options].map((option) => option.value);
		for (const value of [...values.slice(1), ''].slice(0, 6)) {
			const before = status.textContent;
			const changed = new Promise<void>((resolve) => {
				const observer = new MutationObserver(() => {
					if (status.textContent !== before) {
						observer.disconnect();
						resolve();
					}
				});
				observer.observe(status, { subtree: true, childList: true, characterData: true });
				setTimeout(() => {
					observer.disconnect();
					resolve();
				}, 5_000);
			});
			const started = performance.now();
			select.value = value;
			select.dispatchEvent(new Event('change', { bubbles: true }));
			await changed;
			await new Promise(requestAnimationFrame);
			times.push(performance.now() - started);
		}
		return times;
	});
	report.time('overview', 'status filter change', summarise(filterTimes));
	await context.close();
}
