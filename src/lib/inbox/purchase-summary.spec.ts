import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PurchaseDocument } from './purchase-document';
import { parsePurchaseDocument } from './purchase-parser';
import { foldSearchText, purchaseDocumentSummary } from './purchase-summary';

function fixture(name: string): PurchaseDocument {
	const result = parsePurchaseDocument(
		new Uint8Array(readFileSync(`tests/fixtures/inbox/${name}`))
	);
	if (!result.ok) throw new Error(result.problem.message);
	return result.document;
}

describe('purchaseDocumentSummary', () => {
	it('gives a euro invoice’s amount due in cents and its structured reference as 12 digits', () => {
		const summary = purchaseDocumentSummary(fixture('odd-prefixes-several-rates.xml'));
		expect(summary).toEqual({
			kind: 'invoice',
			supplier: 'Vanhove Catering BV',
			number: 'TV-2026-0315',
			issueDate: '2026-03-15',
			dueDate: '2026-04-14',
			payable: { currency: 'EUR', cents: 61315 },
			ogm: '202603150066',
			searchText: expect.any(String)
		});
		for (const query of [
			'vanhove',
			'traiteur',
			'tv-2026-0315',
			'be0417497106',
			'202603150066',
			'po-2026-118'
		])
			expect(summary.searchText).toContain(foldSearchText(query));
	});

	it('keeps a foreign currency’s amount as its exact decimal', () => {
		const summary = purchaseDocumentSummary(fixture('usd-vat-in-eur.xml'));
		expect(summary.payable).toEqual({ currency: 'USD', amount: '1815.00' });
		expect(summary).not.toHaveProperty('ogm');
	});

	it('keeps a euro amount with more than 2 decimals exact rather than rounding it', () => {
		const document = fixture('missing-optionals.xml');
		const summary = purchaseDocumentSummary({
			...document,
			totals: { ...document.totals, payable: '302.505' }
		});
		expect(summary.payable).toEqual({ currency: 'EUR', amount: '302.505' });
		expect(summary).not.toHaveProperty('dueDate');
	});

	it('summarises a credit note with its kind and its due date from the payment means', () => {
		const summary = purchaseDocumentSummary(fixture('credit-note-negative-lines.xml'));
		expect(summary).toMatchObject({
			kind: 'credit-note',
			dueDate: '2026-03-31',
			payable: { cents: 10500 }
		});
		expect(summary.searchText).toContain(foldSearchText('Keramik Werkstatt'));
	});

	it('folds case and accents so a plain query finds them', () => {
		expect(foldSearchText('Café HÖHR')).toBe('cafe hohr');
	});
});
