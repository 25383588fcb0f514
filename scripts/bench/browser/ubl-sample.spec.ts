import { describe, expect, it } from 'vitest';
import { parseInvoiceDocument } from '$lib/document';
import { toUbl } from '$lib/ubl';
import { sampleUblDocument } from './ubl-sample';

describe('the rules bench sample', () => {
	it('is a real, schema-valid document of the announced size', () => {
		const lineCount = (xml: string) => xml.match(/<cac:InvoiceLine>/g)?.length ?? 0;
		for (const count of [1, 50, 200]) {
			const parsed = parseInvoiceDocument(sampleUblDocument(count));
			expect(parsed.ok ? [] : parsed.errors).toEqual([]);
			expect(lineCount(toUbl(sampleUblDocument(count)).xml)).toBe(count);
		}
	});
});
