import type { Page } from '@playwright/test';
import type { Report } from './report';
import { round, summarise } from './stats';

/**
 * Published figures for the same job elsewhere, printed beside ours; they are not measured here
 * (source: the figures quoted in issue 15, for a ~10 kB invoice).
 */
const PUBLISHED = {
	phive: { median: 111, label: 'phive (Java), published, ~10 kB invoice, not measured here' },
	saxonJs: { median: 550, label: 'SaxonJS in Node, published, ~10 kB invoice, not measured here' }
};

const anchor = ({ median, label }: { median: number; label: string }) => ({
	label,
	median,
	p95: median,
	min: median,
	max: median,
	runs: 0
});

/**
 * The official Peppol rules in Chromium, in the app's worker: loading them (and the main
 * thread's longest task meanwhile: it must stay responsive), then invoices of 1, 50 and 200 lines
 * as the editor checks them (post the UBL, wait for the findings).
 */
export async function benchRules(
	report: Report,
	page: Page,
	runs: number,
	quick: boolean,
	warmup: number
): Promise<void> {
	const loadRuns = quick ? 1 : 5;
	// The first load also fills the HTTP and code caches, as the app's second visit would have.
	await page.evaluate(() => window.billfoldBench.rules.load());
	const loads: {
		ms: number;
		loadMs: number;
		phases: Record<string, number>;
		firstCheckMs: number;
		longestTaskMs: number;
		longTasks: number;
	}[] = [];
	for (let i = 0; i < loadRuns; i++)
		loads.push(await page.evaluate(() => window.billfoldBench.rules.load()));
	const phase = (name: string) =>
		round(summarise(loads.map((l) => l.phases[name] ?? NaN)).median, 0);
	report.time(
		'rules',
		'load the official rules in the worker (page → ready)',
		summarise(loads.map((load) => load.ms)),
		{
			budget: '≤ 800 ms',
			note:
				`inside the worker: ${round(summarise(loads.map((l) => l.loadMs)).median, 0)} ms ` +
				`(files ${phase('files')}, rules ${phase('schematron')}, XSD ${phase('xsd')}); ` +
				`worker start → ready ${phase('sinceWorkerStart')} ms (the rest of it: importing the code)`
		}
	);
	// expressions compile when a document first needs them: the first check pays for them
	report.time(
		'rules',
		'load the rules, then the first check of a 1-line invoice (page → findings)',
		summarise(loads.map((load) => load.ms + load.firstCheckMs)),
		{
			note: `the first check alone: ${round(summarise(loads.map((l) => l.firstCheckMs)).median, 0)} ms`
		}
	);
	report.value(
		'rules',
		'main thread: longest task while the rules load and first check',
		round(Math.max(...loads.map((load) => load.longestTaskMs)), 0),
		'ms',
		{
			budget: 'none > 50 ms',
			note: `${Math.max(...loads.map((l) => l.longTasks))} long task(s) per load`
		}
	);

	const budgets: Record<number, string> = { 1: '≤ 30 ms', 50: '≤ 120 ms', 200: '≤ 400 ms' };
	// 5 lines make the ~10 kB invoice the published anchors were measured on
	const ANCHORED = 5;
	for (const lines of [1, ANCHORED, 50, 200]) {
		const warm = lines === 200 ? Math.min(warmup, 5) : Math.min(warmup, 10);
		const samples = await page.evaluate(
			async ({ lines, warm, runs }) => {
				for (let i = 0; i < warm; i++) await window.billfoldBench.rules.validate(lines);
				const out = [];
				for (let i = 0; i < runs; i++) out.push(await window.billfoldBench.rules.validate(lines));
				return out;
			},
			{ lines, warm, runs: lines === 200 ? Math.max(3, Math.ceil(runs / 2)) : runs }
		);
		const first = samples[0];
		report.time(
			'rules',
			`check a ${lines}-line invoice (${Math.round((first?.bytes ?? 0) / 1024)} kB UBL), XSD + EN 16931 + Peppol`,
			summarise(samples.map((sample) => sample.ms)),
			{
				...(budgets[lines] ? { budget: budgets[lines] } : {}),
				...(lines === ANCHORED ? { anchor: anchor(PUBLISHED.phive) } : {}),
				note: `in the worker ${round(summarise(samples.map((s) => s.inWorkerMs)).median, 0)} ms; ${first?.fatal ?? 0} fatal`
			}
		);
		if (lines === ANCHORED)
			report.time(
				'rules',
				`check a ${lines}-line invoice, beside SaxonJS`,
				summarise(samples.map((sample) => sample.ms)),
				{ anchor: anchor(PUBLISHED.saxonJs) }
			);
	}
}
