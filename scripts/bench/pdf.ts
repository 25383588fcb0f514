import type { Browser, Page } from '@playwright/test';
import type { Report } from './report';
import { summarise, type Summary } from './stats';

/** Times `expression` inside the page: warm-up runs first, then `runs` recorded ones. */
async function timeInPage(page: Page, body: string, runs: number, warmup = 2): Promise<Summary> {
	const samples = await page.evaluate(
		async ({ body, runs, warmup }) => {
			const task = new Function('bench', `return (async () => { ${body} })();`) as (
				bench: Window['billfoldBench']
			) => Promise<unknown>;
			for (let i = 0; i < warmup; i++) await task(window.billfoldBench);
			const times: number[] = [];
			for (let i = 0; i < runs; i++) {
				const started = performance.now();
				await task(window.billfoldBench);
				times.push(performance.now() - started);
			}
			return times;
		},
		{ body, runs, warmup }
	);
	return summarise(samples);
}

async function anchorPrint(
	browser: Browser,
	html: string,
	runs: number,
	warmup: number
): Promise<Summary> {
	const page = await browser.newPage();
	const samples: number[] = [];
	for (let i = 0; i < runs + warmup; i++) {
		const started = performance.now();
		await page.setContent(html);
		await page.pdf({ format: 'A4', printBackground: true });
		samples.push(performance.now() - started);
	}
	await page.close();
	return summarise(samples.slice(warmup));
}

/** The anchor's first print of `html` in a fresh page, in ms. */
export async function firstPrintMs(browser: Browser, html: string): Promise<number> {
	const page = await browser.newPage();
	const started = performance.now();
	await page.setContent(html);
	await page.pdf({ format: 'A4', printBackground: true });
	const ms = performance.now() - started;
	await page.close();
	return ms;
}

/** The anchor's first print of a page: a fresh page each time, the same HTML. */
async function anchorFirstPrint(browser: Browser, html: string, pages: number): Promise<Summary> {
	const samples: number[] = [];
	for (let i = 0; i < pages; i++) samples.push(await firstPrintMs(browser, html));
	return summarise(samples);
}

/** The first invoice PDF of a fresh bench page (see firstPdfInFreshPages for `warmedUp`). */
export function firstPdfOnPage(page: Page, images: unknown, warmedUp: boolean) {
	return page.evaluate(
		({ images, warmedUp }) =>
			window.billfoldBench.firstPdf(
				images as Parameters<Window['billfoldBench']['firstPdf']>[0],
				warmedUp
			),
		{ images, warmedUp }
	);
}

/**
 * The first invoice PDF of fresh pages of the bench bundle, through the app's PDF worker with the
 * stored logo. `warmedUp`: after the page's own warm-up (what the editor and an issued invoice
 * start when they open), else from spawning the worker.
 */
async function firstPdfInFreshPages(
	browser: Browser,
	url: string,
	images: unknown,
	warmedUp: boolean,
	pages: number
): Promise<{ first: Summary; warmUp: Summary }> {
	const first: number[] = [];
	const warmUp: number[] = [];
	for (let i = 0; i < pages; i++) {
		const page = await browser.newPage();
		await page.goto(url);
		await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
		const result = await firstPdfOnPage(page, images, warmedUp);
		first.push(result.ms);
		warmUp.push(result.warmUpMs);
		await page.close();
	}
	return { first: summarise(first), warmUp: summarise(warmUp) };
}

export async function benchPdf(
	report: Report,
	browser: Browser,
	page: Page,
	runs: number,
	warmup: number
): Promise<void> {
	// Each fresh page is one sample; at least three, so one stall does not make the figure.
	const freshPages = Math.max(3, runs);
	const images = await page.evaluate(() => window.billfoldBench.preparedLogo());
	const afterWarmUp = await firstPdfInFreshPages(browser, page.url(), images, true, freshPages);
	const cold = await firstPdfInFreshPages(browser, page.url(), images, false, freshPages);
	const onePage = await timeInPage(page, 'await bench.renderSample1Page();', runs, warmup);
	const onePageInfo = await page.evaluate(async () => {
		const bytes = await window.billfoldBench.renderSample1Page();
		return { size: bytes.length, pages: await window.billfoldBench.pageCount(bytes) };
	});
	const html = await page.evaluate(() => window.billfoldBench.html(5));
	const anchorOne = await anchorPrint(browser, html, runs, warmup);
	const anchorFirst = await anchorFirstPrint(browser, html, freshPages);
	const label = 'HTML → headless Chromium page.pdf';
	const firstLabel = `${label}, first print of a fresh page`;
	report.time(
		'pdf',
		`1-page invoice (logo, QR, fonts; ${onePageInfo.pages} page; page → PDF worker → page)`,
		onePage,
		{ budget: '≥ 8× faster than the anchor', anchor: { ...anchorOne, label } }
	);
	report.time(
		'pdf',
		"first 1-page invoice of a fresh page, after the page's own warm-up (warmPdfWorker, as the editor and an issued invoice start it)",
		afterWarmUp.first,
		{ budget: '≤ the anchor', anchor: { ...anchorFirst, label: firstLabel } }
	);
	report.time(
		'pdf',
		'first 1-page invoice of a fresh page, cold: PDF worker spawn + first PDF (no warm-up)',
		cold.first,
		{ anchor: { ...anchorFirst, label: firstLabel } }
	);
	report.time(
		'pdf',
		"the page's warm-up itself (worker spawn + a throw-away invoice; in the background)",
		afterWarmUp.warmUp
	);
	report.value('pdf', '1-page invoice file size', Math.round(onePageInfo.size / 102.4) / 10, 'KB', {
		budget: '≤ 60 KB'
	});

	const tenPageLines = 110;
	const tenPages = await page.evaluate(
		async (lines) => window.billfoldBench.pageCount(await window.billfoldBench.renderLines(lines)),
		tenPageLines
	);
	const tenPage = await timeInPage(page, `await bench.renderLines(${tenPageLines});`, runs, warmup);
	const anchorTen = await anchorPrint(
		browser,
		await page.evaluate((lines) => window.billfoldBench.html(lines), tenPageLines),
		runs,
		warmup
	);
	report.time('pdf', `${tenPageLines}-line invoice (${tenPages} pages)`, tenPage, {
		anchor: { ...anchorTen, label }
	});

	report.time(
		'pdf',
		'200-line invoice',
		await timeInPage(page, 'await bench.renderSample200Lines();', runs, warmup),
		{
			budget: '≤ 150 ms'
		}
	);
	report.time(
		'pdf',
		'1-page invoice with the terms merged (pdf-lib, in the worker)',
		await timeInPage(page, 'await bench.renderWithTerms();', runs, warmup)
	);
	report.time(
		'pdf',
		'terms merge alone (pdf-lib on the page)',
		await timeInPage(
			page,
			'if (!window.__one) window.__one = await bench.renderSample1Page(); await bench.mergeTerms(window.__one);',
			runs,
			warmup
		),
		{ budget: '≤ 30 ms' }
	);
	report.time(
		'pdf',
		`${tenPageLines}-line invoice with the terms merged`,
		await timeInPage(page, `await bench.renderWithTerms(${tenPageLines});`, runs, warmup)
	);
}
