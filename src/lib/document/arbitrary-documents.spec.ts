import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeTotals } from '$lib/invoice';
import { checkInvoiceDocument } from '$lib/legal';
import { arbitraryInvoiceDocument } from '../../../tests/factories';
import { parseInvoiceDocument } from './parse-invoice-document';

describe('arbitraryInvoiceDocument (what the UBL property tests feed on)', () => {
	it('produces documents that parse and pass every legal and Peppol check', () => {
		fc.assert(
			fc.property(arbitraryInvoiceDocument(), (document) => {
				const parsed = parseInvoiceDocument(JSON.parse(JSON.stringify(document)));
				expect(parsed.ok ? [] : parsed.errors).toEqual([]);
				expect(checkInvoiceDocument(document)).toEqual([]);
				expect(computeTotals(document).payableCents).toBeGreaterThanOrEqual(0);
			}),
			{ numRuns: 300 }
		);
	});

	it('covers every VAT code, both document types, cash discounts and both seller regimes', () => {
		const samples = fc.sample(arbitraryInvoiceDocument(), { numRuns: 400, seed: 42 });
		const codes = new Set(samples.flatMap((d) => d.vatCodes.map((c) => c.id)));
		expect([...codes].sort()).toEqual(
			[
				'AE-CO-CONTRACTOR',
				'AE-EU-SERVICES',
				'E-ART44',
				'E-SMALL-BUSINESS',
				'G-EXPORT',
				'K-EU-GOODS',
				'O-OUTSIDE-SCOPE',
				'S12',
				'S21',
				'S6',
				'Z0'
			].sort()
		);
		expect(new Set(samples.map((d) => d.type))).toEqual(new Set(['invoice', 'creditNote']));
		expect(samples.some((d) => d.cashDiscount)).toBe(true);
		expect(samples.some((d) => d.seller.smallBusinessExemption)).toBe(true);
		expect(samples.some((d) => d.prepaidCents)).toBe(true);
		expect(samples.every((d) => d.buyer.peppolId)).toBe(true);
	});
});
