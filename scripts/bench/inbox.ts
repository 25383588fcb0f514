import type { Browser, Page } from '@playwright/test';
import type { AppServer } from '../../tests/e2e/app-server';
import type { Report } from './report';
import { seededPage } from './seeded-page';
import { summarise } from './stats';

/** Issue 18's budget: a received 200-line invoice opened (parsed and summarised) after decryption. */
export async function benchInbox(
	report: Report,
	page: Page,
	runs: number,
	warmup: number
): Promise<void> {
	const lineCount = 200;
	const bytes = await page.evaluate(async (lineCount) => {
		const pdf = await window.billfoldBench.renderLines(lineCount);
		return window.billfoldBench.inbox.prepare(lineCount, pdf);
	}, lineCount);
	const results = await page.evaluate(
		({ runs, warmup }) => {
			for (let i = 0; i < warmup; i++) window.billfoldBench.inbox.run();
			return Array.from({ length: runs * 3 }, () => window.billfoldBench.inbox.run());
		},
		{ runs, warmup }
	);
	if (results[0]?.lines !== lineCount)
		throw new Error(`inbox bench read ${results[0]?.lines} lines`);
	report.time(
		'inbox',
		`open a received ${lineCount}-line invoice with its PDF embedded (${Math.round(bytes / 1024)} KiB), after decryption: parse + summary (Chromium)`,
		summarise(results.map((result) => result.ms)),
		{ budget: '≤ 50 ms' }
	);
}

/**
 * Issue 18's list budgets: `count` received documents seeded in the app's IndexedDB, then what a
 * user feels: the purchase list's first rows after in-app navigation, and each keystroke of a
 * search until the filtered rows and totals are on screen.
 */
export async function benchInboxList(
	report: Report,
	browser: Browser,
	server: AppServer,
	benchBundle: string,
	count: number,
	runs: number
): Promise<void> {
	const { context, page } = await seededPage(report, browser, server, benchBundle, {
		section: 'inbox',
		what: 'received documents',
		count,
		seeder: 'billfoldSeedPurchases'
	});
	const countText = count.toLocaleString('en');
	await page.goto(`${server.url}/purchases`);
	await page
		.getByTestId('purchase-summary')
		.filter({ hasText: `${countText} documents` })
		.waitFor({ timeout: 120_000 });

	const nav = page.getByRole('navigation');
	const firstRows: number[] = [];
	for (let i = 0; i < runs * 3; i++) {
		await nav.getByRole('link', { name: 'Contacts', exact: true }).click();
		await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
		firstRows.push(
			await page.evaluate(async (countText) => {
				const link = [...document.querySelectorAll<HTMLAnchorElement>('nav a')].find(
					(a) => a.textContent?.trim() === 'Purchase invoices'
				);
				if (!link) throw new Error('no "Purchase invoices" link');
				const started = performance.now();
				link.click();
				await window.billfoldBenchWait(
					() =>
						(
							document.querySelector('[data-testid="purchase-summary"]')?.textContent ?? ''
						).includes(`${countText} documents`) &&
						document.querySelectorAll('[data-testid="purchase-row"]').length > 0
				);
				return performance.now() - started;
			}, countText)
		);
	}
	report.time(
		'inbox',
		`purchase list with ${countText} documents: first rows and totals (in-app navigation)`,
		summarise(firstRows),
		{ budget: '≤ 100 ms' }
	);

	const reloads: number[] = [];
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		await page.reload();
		await page.getByTestId('purchase-row').first().waitFor({ timeout: 120_000 });
		reloads.push(performance.now() - started);
	}
	report.time(
		'inbox',
		`purchase list reload with ${countText} documents (app start → first rows)`,
		summarise(reloads)
	);

	const keystrokes: number[] = [];
	for (let i = 0; i < runs; i++) {
		await page.getByRole('searchbox').fill('');
		keystrokes.push(
			...(await page.evaluate(async (query) => {
				const input = document.querySelector<HTMLInputElement>('form[role="search"] input');
				const status = document.querySelector<HTMLElement>('[data-testid="purchase-summary"]');
				if (!input || !status) throw new Error('purchase search or summary not found');
				const times: number[] = [];
				for (const character of query) {
					const started = performance.now();
					input.value += character;
					input.dispatchEvent(new Event('input', { bubbles: true }));
					await window.billfoldBenchWait(() => status.dataset['search'] === input.value);
					times.push(performance.now() - started);
				}
				return times;
			}, 'maes bv 1'))
		);
	}
	report.time(
		'inbox',
		`purchase list search with ${countText} documents, per keystroke (until the filtered rows and totals are on screen)`,
		summarise(keystrokes),
		{ budget: '≤ 50 ms' }
	);
	await context.close();
}
