import { describe, expect, it } from 'vitest';
import { computeTotals } from '$lib/invoice';
import { checkInvoiceDocument } from '$lib/legal';
import { DEFAULT_VAT_CODE_IDS as ID } from '$lib/vat';
import { buildInvoiceDocument, buildItemLine } from '../../../tests/factories';
import { createCreditNote } from './credit-note';
import { parseInvoiceDocument } from './parse-invoice-document';

const invoice = buildInvoiceDocument({
	lines: [
		{ type: 'text', text: 'May' },
		buildItemLine({ quantity: '10', unitPrice: '50' }),
		buildItemLine({ description: 'Hosting', unitPrice: '20', vatCodeId: ID.reduced6 })
	]
});

describe('createCreditNote', () => {
	it('credits the whole invoice, reversing exactly the VAT charged', () => {
		const credit = createCreditNote(invoice, { number: '2026-0002', issueDate: '2026-05-20' });
		expect(credit).toMatchObject({
			type: 'creditNote',
			number: '2026-0002',
			billingReference: { number: '2026-0001', issueDate: '2026-05-17', scope: 'full' },
			cashDiscount: invoice.cashDiscount
		});
		expect(credit.paymentReference).toBeUndefined();
		expect(computeTotals(credit)).toEqual({
			...computeTotals(invoice),
			cashDiscount: expect.anything()
		});
		expect(computeTotals(credit).payableCents).toBe(computeTotals(invoice).payableCents);
		expect(parseInvoiceDocument(credit).ok).toBe(true);
		expect(checkInvoiceDocument(credit)).toEqual([]);
	});

	it('credits part of a line', () => {
		const credit = createCreditNote(invoice, {
			number: 'CN-1',
			issueDate: '2026-05-20',
			lines: [{ lineIndex: 1, quantity: '2' }]
		});
		expect(credit.billingReference?.scope).toBe('partial');
		expect(credit.lines).toEqual([buildItemLine({ quantity: '2', unitPrice: '50' })]);
		expect(credit.vatCodes.map((code) => code.id)).toEqual([ID.standard21]);
		expect(computeTotals(credit).taxExclusiveCents).toBe(10000);
	});

	it('calls a selection of every line in full a full credit', () => {
		const credit = createCreditNote(invoice, {
			number: 'CN-1',
			issueDate: '2026-05-20',
			lines: [{ lineIndex: 2 }, { lineIndex: 1, quantity: '10.0' }]
		});
		expect(credit.billingReference?.scope).toBe('full');
	});

	it('refuses selections that would credit more than was invoiced', () => {
		const options = { number: 'CN-1', issueDate: '2026-05-20' };
		expect(() =>
			createCreditNote(invoice, { ...options, lines: [{ lineIndex: 1, quantity: '11' }] })
		).toThrow(/lines\.0\.quantity/);
		expect(() =>
			createCreditNote(invoice, { ...options, lines: [{ lineIndex: 1, quantity: '-1' }] })
		).toThrow(/lines\.0\.quantity/);
		expect(() => createCreditNote(invoice, { ...options, lines: [{ lineIndex: 0 }] })).toThrow(
			/lines\.0\.lineIndex: invoice line 0 is not a priced line/
		);
		expect(() =>
			createCreditNote(invoice, { ...options, lines: [{ lineIndex: 1 }, { lineIndex: 1 }] })
		).toThrow(/selected twice/);
		expect(() => createCreditNote(invoice, { ...options, lines: [] })).toThrow(/at least one line/);
		expect(() => createCreditNote(invoice, { ...options, issueDate: '2026-05-01' })).toThrow(
			/issueDate/
		);
		const credit = createCreditNote(invoice, options);
		expect(() => createCreditNote(credit, options)).toThrow(/only an invoice/);
	});
});
