/**
 * What the bench drives inside Chromium: the app's own PDF and UBL code, bundled by Vite as the
 * app bundles it, plus the same invoice as HTML for the print-to-PDF anchor; the app's sync engine
 * and, as its anchor, a y-websocket client.
 */
import { computeTotals } from '$lib/invoice';
import {
	firstPdf,
	mergeTerms,
	pdfSamples,
	preparedLogo,
	renderLines,
	renderSample1Page,
	renderSample200Lines,
	renderWithTerms
} from './pdf-samples';
import { sampleInvoiceDocument } from '$lib/pdf/sample-invoice';
import { RulesClient, spawnRulesWorker } from '$lib/rules-worker';
import { toUbl } from '$lib/ubl';
import { sampleUblDocument } from './ubl-sample';
import { invoiceHtml } from '../html-invoice';
import { bankBench } from './bank-bench';
import { inboxBench } from './inbox-bench';
import { syncBench } from './sync-devices';
import { yWebsocketAnchor } from './y-websocket-anchor';
import logo from '../../../tests/fixtures/pdf/logo.png?inline';

let rules: RulesClient | undefined;
const rulesXml = new Map<number, string>();

/** The official rules in their worker, as the editor runs them. */
const rulesBench = {
	/**
	 * A fresh worker loads the rules, then checks a 1-line invoice (its expressions compile on
	 * that first check); the main thread's long tasks meanwhile are recorded.
	 */
	async load(): Promise<{
		ms: number;
		loadMs: number;
		phases: Record<string, number>;
		firstCheckMs: number;
		longestTaskMs: number;
		longTasks: number;
	}> {
		rules?.terminate();
		const tasks: number[] = [];
		const observer = new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) tasks.push(entry.duration);
		});
		observer.observe({ type: 'longtask' });
		const client = new RulesClient(spawnRulesWorker);
		const started = performance.now();
		const { loadMs, phases } = await client.loadTimed();
		const ms = performance.now() - started;
		rules = client;
		const firstCheckMs = (await rulesBench.validate(1)).ms;
		for (const entry of observer.takeRecords()) tasks.push(entry.duration);
		observer.disconnect();
		return {
			ms,
			loadMs,
			phases,
			firstCheckMs,
			longestTaskMs: Math.max(0, ...tasks),
			longTasks: tasks.length
		};
	},
	/** One invoice of `itemCount` lines, page → worker → page; the UBL is built beforehand. */
	async validate(
		itemCount: number
	): Promise<{ ms: number; inWorkerMs: number; fatal: number; bytes: number }> {
		let xml = rulesXml.get(itemCount);
		if (xml === undefined) {
			xml = toUbl(sampleUblDocument(itemCount)).xml;
			rulesXml.set(itemCount, xml);
		}
		const client = (rules ??= new RulesClient(spawnRulesWorker));
		const started = performance.now();
		const check = await client.validate(xml);
		return {
			ms: performance.now() - started,
			inWorkerMs: check.ms,
			fatal: check.result.fatal.length,
			bytes: xml.length
		};
	}
};

const api = {
	bank: bankBench,
	inbox: inboxBench,
	rules: rulesBench,
	sync: syncBench,
	yWebsocket: yWebsocketAnchor,
	renderSample1Page,
	renderSample200Lines,
	renderLines,
	renderWithTerms,
	mergeTerms,
	pdfSamples,
	preparedLogo,
	firstPdf,
	async pageCount(bytes: Uint8Array): Promise<number> {
		const { PDFDocument } = await import('pdf-lib');
		return (await PDFDocument.load(bytes)).getPageCount();
	},
	ubl(lineCount: number): number {
		return toUbl(sampleInvoiceDocument(lineCount)).xml.length;
	},
	html(lineCount: number): Promise<string> {
		const document = sampleInvoiceDocument(lineCount);
		return invoiceHtml(document, computeTotals(document), logo);
	}
};

declare global {
	interface Window {
		billfoldBench: typeof api;
	}
}

window.billfoldBench = api;
document.body.dataset.ready = 'true';
