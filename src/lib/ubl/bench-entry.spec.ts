import { describe, expect, it } from 'vitest';
import { parseInvoiceDocument } from '$lib/document';
import {
	renderUbl1Line,
	renderUbl200Lines,
	renderUbl50Lines,
	sampleUblDocument
} from './bench-entry';

describe('bench entries', () => {
	it('time real, schema-valid documents of the announced size', () => {
		for (const count of [1, 50, 200]) {
			const parsed = parseInvoiceDocument(sampleUblDocument(count));
			expect(parsed.ok ? [] : parsed.errors).toEqual([]);
		}
		const lineCount = (xml: string) => xml.match(/<cac:InvoiceLine>/g)?.length ?? 0;
		expect(lineCount(renderUbl1Line())).toBe(1);
		expect(lineCount(renderUbl50Lines())).toBe(50);
		expect(lineCount(renderUbl200Lines())).toBe(200);
	});
});
