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
): Promise<{ warm: Summary; first: number }> {
	const page = await browser.newPage();
	const samples: number[] = [];
	for (let i = 0; i < runs + warmup; i++) {
		const started = performance.now();
		await page.setContent(html);
		await page.pdf({ format: 'A4', printBackground: true });
		samples.push(performance.now() - started);
	}
	await page.close();
	return { warm: summarise(samples.slice(warmup)), first: samples[0] ?? 0 };
}

/** The first invoice a fresh page makes: the font chunks load and parse, no code is optimised yet. */
async function firstRenderInFreshPage(browser: Browser, url: string): Promise<number> {
	const page = await browser.newPage();
	await page.goto(url);
	await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
	const elapsed = await page.evaluate(async () => {
		const started = performance.now();
		await window.billfoldBench.renderSample1Page();
		return performance.now() - started;
	});
	await page.close();
	return elapsed;
}

export async function benchPdf(
	report: Report,
	browser: Browser,
	page: Page,
	runs: number,
	warmup: number
): Promise<void> {
	const firstOfSession = await firstRenderInFreshPage(browser, page.url());
	const onePage = await timeInPage(page, 'await bench.renderSample1Page();', runs, warmup);
	const onePageInfo = await page.evaluate(async () => {
		const bytes = await window.billfoldBench.renderSample1Page();
		return { size: bytes.length, pages: await window.billfoldBench.pageCount(bytes) };
	});
	const anchorOne = await anchorPrint(
		browser,
		await page.evaluate(() => window.billfoldBench.html(5)),
		runs,
		warmup
	);
	const label = 'HTML → headless Chromium page.pdf';
	report.time('pdf', `1-page invoice (logo, QR, fonts; ${onePageInfo.pages} page)`, onePage, {
		budget: '≤ 30 ms',
		anchor: { ...anchorOne.warm, label }
	});
	report.time(
		'pdf',
		'first 1-page invoice of a session (fonts load, code not yet optimised)',
		summarise([firstOfSession]),
		{ anchor: { ...summarise([anchorOne.first]), label: `${label}, first of a page` } }
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
		anchor: { ...anchorTen.warm, label }
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
		'1-page invoice + terms merge (pdf-lib)',
		await timeInPage(page, 'await bench.mergeTerms(await bench.renderSample1Page());', runs, warmup)
	);
	report.time(
		'pdf',
		'terms merge alone',
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
		`${tenPageLines}-line invoice + terms merge`,
		await timeInPage(
			page,
			`await bench.mergeTerms(await bench.renderLines(${tenPageLines}));`,
			runs,
			warmup
		)
	);
}
