import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DrawOp, FontMetrics } from './draw-ops';
import { loadEmbeddedFonts } from './fonts';
import { invoicePdfView } from './invoice-view';
import { layoutInvoice } from './layout';
import { PdfLayoutError } from './page-flow';
import { sampleFooter, sampleHeader, sampleInvoiceDocument } from './sample-invoice';
import { A4, SIZES } from './theme';

const logo = `data:image/png;base64,${readFileSync(new URL('../../../tests/fixtures/pdf/logo.png', import.meta.url)).toString('base64')}`;
const FOOTER_TEXT = 'Atelier Janssens';

let metrics: FontMetrics;
beforeAll(async () => {
	metrics = await loadEmbeddedFonts(['bold']);
});

type TextOp = Extract<DrawOp, { kind: 'text' }>;
const texts = (ops: readonly DrawOp[]) => ops.filter((op): op is TextOp => op.kind === 'text');
const right = (op: TextOp) => op.x + metrics.widthOf(op.text, op.style) * op.size;

function view(lineCount?: number) {
	return invoicePdfView(sampleInvoiceDocument(lineCount), {
		header: sampleHeader(logo),
		footer: sampleFooter()
	}).view;
}

describe('layoutInvoice', () => {
	it('keeps every body line above the footer and inside the margins on every page', () => {
		const layout = layoutInvoice(view(200), metrics);
		expect(layout.pages.length).toBeGreaterThan(4);
		for (const ops of layout.pages) {
			const isFooter = (op: TextOp) =>
				(op.text === FOOTER_TEXT && op.size === SIZES.footer) ||
				op.text.startsWith(' · Kerkstraat');
			const footer = texts(ops).filter(isFooter);
			expect(footer).toHaveLength(2);
			const footerTop = Math.min(...footer.map((op) => op.y - op.size));
			const body = texts(ops).filter((op) => !isFooter(op) && !op.text.startsWith('Pagina'));
			expect(Math.max(...body.map((op) => op.y))).toBeLessThan(footerTop);
			for (const op of texts(ops)) {
				expect(op.x).toBeGreaterThanOrEqual(A4.marginX - 0.01);
				expect(right(op)).toBeLessThanOrEqual(A4.width - A4.marginX + 0.01);
			}
		}
	});

	it('repeats the column header at the top of the table on each page that continues it', () => {
		const layout = layoutInvoice(view(200), metrics);
		layout.pages.forEach((ops, index) => {
			const headers = texts(ops).filter((op) => op.text === 'Omschrijving');
			const rows = texts(ops).filter((op) => op.text.startsWith('Ticket #'));
			if (rows.length === 0) return;
			expect(headers).toHaveLength(1);
			expect(Math.min(...rows.map((op) => op.y))).toBeGreaterThan(headers[0]?.y ?? Infinity);
			if (index > 0) expect(texts(ops)[0]?.text).toBe('Factuur 2026-0042 (vervolg)');
		});
	});

	it('wraps a long description inside its column and right-aligns the amounts', () => {
		const layout = layoutInvoice(view(), metrics);
		const page = texts(layout.pages[0] ?? []);
		const description = page.filter(
			(op) => op.text.startsWith('Webdesign') || op.text.includes('feedbackrondes')
		);
		expect(description.length).toBeGreaterThanOrEqual(2);
		expect(description[1]?.y).toBeGreaterThan(description[0]?.y ?? Infinity);
		const quantity = page.find((op) => op.text === '18 u');
		expect(Math.max(...description.map(right))).toBeLessThan(quantity?.x ?? 0);
		const amounts = ['1.350,00', '405,00', '239,40', '59,00'].map((value) =>
			page.find((op) => op.text === value)
		);
		const rightEdges = amounts.map((op) => (op ? right(op) : NaN));
		for (const edge of rightEdges) expect(edge).toBeCloseTo(rightEdges[0] ?? 0, 6);
	});

	it('draws the header logo on page 1 only and embeds it once', () => {
		const layout = layoutInvoice(view(200), metrics);
		const images = layout.pages.map((ops) => ops.filter((op) => op.kind === 'image').length);
		expect(images[0]).toBe(1);
		expect(images.slice(1).every((count) => count === 0)).toBe(true);
		expect(layout.images).toHaveLength(1);
	});

	it('splits a line taller than a page between its lines instead of losing it', () => {
		const page = view();
		const words = Array.from({ length: 1500 }, (_, index) => `woord${index}`).join(' ');
		page.table.rows = [{ kind: 'item', cells: [words, '1 st.', '10,00', '21%', '10,00'] }];
		const layout = layoutInvoice(page, metrics);
		expect(layout.pages.length).toBeGreaterThan(1);
		const drawn = layout.pages.flatMap((ops) => texts(ops).map((op) => op.text)).join(' ');
		expect(drawn).toContain('woord0 ');
		expect(drawn).toContain('woord1499');
	});

	it('refuses a header that leaves no room for the invoice', () => {
		const page = view();
		page.header = {
			blocks: Array.from({ length: 80 }, () => ({
				kind: 'paragraph' as const,
				align: 'left' as const,
				indent: 0,
				runs: [{ text: 'regel' }]
			}))
		};
		expect(() => layoutInvoice(page, metrics)).toThrow(PdfLayoutError);
	});

	it('skips an image it cannot embed and says why', () => {
		const page = view();
		page.header = {
			blocks: [{ kind: 'image', align: 'left', indent: 0, src: 'https://example.be/logo.webp' }]
		};
		const layout = layoutInvoice(page, metrics);
		expect(layout.images).toEqual([]);
		expect(layout.warnings).toEqual([
			expect.objectContaining({
				code: 'image-skipped',
				message: expect.stringContaining('data: URLs')
			})
		]);
	});
});
