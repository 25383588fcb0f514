import type { Page } from '@playwright/test';
import { sampleInvoiceDocument } from '../../src/lib/pdf/sample-invoice';
import { nodeValidator } from '../../src/lib/peppol-rules/node';
import { toUbl } from '../../src/lib/ubl';
import type { Report } from './report';
import { measure, summarise } from './stats';

export async function benchUbl(
	report: Report,
	page: Page,
	runs: number,
	quick: boolean,
	warmup: number
): Promise<void> {
	for (const lines of [1, 50, 200]) {
		const samples = await page.evaluate(
			({ lines, runs, warmup }) => {
				for (let i = 0; i < warmup; i++) window.billfoldBench.ubl(lines);
				const times: number[] = [];
				for (let i = 0; i < runs * 3; i++) {
					const started = performance.now();
					window.billfoldBench.ubl(lines);
					times.push(performance.now() - started);
				}
				return times;
			},
			{ lines, runs, warmup }
		);
		report.time('ubl', `generate a ${lines}-line invoice (Chromium)`, summarise(samples), {
			budget: lines === 50 ? '≤ 5 ms' : undefined
		});
	}

	const loadStarted = performance.now();
	const validator = await nodeValidator();
	const validateUbl = (xml: string) => validator.validate(xml);
	validateUbl(toUbl(sampleInvoiceDocument(1)).xml);
	report.value(
		'ubl',
		'official rules (peppol-rules): load + first validation (Node)',
		Math.round(performance.now() - loadStarted),
		'ms'
	);
	for (const lines of quick ? [1, 50] : [1, 50, 200]) {
		const xml = toUbl(sampleInvoiceDocument(lines)).xml;
		report.time(
			'ubl',
			`validate a ${lines}-line invoice, XSD + EN 16931 + Peppol (Node)`,
			await measure(() => validateUbl(xml), { warmup: 1, runs: Math.max(3, Math.ceil(runs / 2)) })
		);
	}
}
