import type { Page } from '@playwright/test';
import type { Report } from './report';
import { summarise } from './stats';

/** Issue 22's budget: a 10,000-movement camt.053 parsed and matched against 100,000 invoices. */
export async function benchBank(
	report: Report,
	page: Page,
	runs: number,
	sizes: { movements: number; invoices: number }
): Promise<void> {
	const bytes = await page.evaluate(
		({ movements, invoices }) => window.billfoldBench.bank.prepare(movements, invoices),
		sizes
	);
	const results = await page.evaluate((runs) => {
		window.billfoldBench.bank.run();
		return Array.from({ length: runs }, () => window.billfoldBench.bank.run());
	}, runs);
	report.time(
		'bank',
		`parse a ${sizes.movements}-movement camt.053 (${Math.round(bytes / 1024)} KiB) and match it against ${sizes.invoices} invoices (Chromium)`,
		summarise(results.map((result) => result.ms)),
		{ budget: '≤ 2000 ms' }
	);
	report.value('bank', 'movements matched or proposed', results[0]?.matched ?? 0, 'movements');
}
