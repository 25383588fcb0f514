import type { Page } from '@playwright/test';
import type { Report } from './report';
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
