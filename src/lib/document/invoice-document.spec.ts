import { describe, expect, it } from 'vitest';
import { computeTotals } from '$lib/invoice';
import { defaultVatCodes } from '$lib/vat';
import { buildInvoiceDocument, buildItemLine } from '../../../tests/factories';
import { parseInvoiceDocument } from './parse-invoice-document';

describe('invoice document', () => {
	it('round-trips through JSON text and still yields the worked-example totals', () => {
		const document = buildInvoiceDocument({
			lines: [{ type: 'text', text: 'May 2026' }, buildItemLine()]
		});
		const parsed = parseInvoiceDocument(JSON.stringify(document));
		expect(parsed).toEqual({ ok: true, value: document });
		if (!parsed.ok) return;
		const totals = computeTotals(parsed.value);
		expect(totals.payableCents).toBe(12058);
		expect(totals.cashDiscount?.amountIfPaidInTimeCents).toBe(11858);
		expect(totals.cashDiscount?.deadline).toBe('2026-05-31');
	});

	it('reports every field error with its path in one pass', () => {
		const document = buildInvoiceDocument({
			type: 'creditNote',
			vatCodes: [...defaultVatCodes],
			lines: [buildItemLine({ unitPrice: '-5', vatCodeId: 'GONE', unitCode: 'hour' })]
		});
		const broken = {
			...document,
			issueDate: '2026-02-30',
			currency: 'USD',
			seller: {
				...document.seller,
				address: { ...document.seller.address, countryCode: 'be' },
				email: 'nope'
			},
			attachments: [{ id: 'a', fileName: 'x.exe', mimeType: 'application/x-msdownload', size: 3 }]
		};
		const parsed = parseInvoiceDocument(broken);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors.map((error) => error.path).sort()).toEqual([
			'attachments.0.mimeType',
			'currency',
			'issueDate',
			'lines.0.unitCode',
			'lines.0.unitPrice',
			'seller.address.countryCode',
			'seller.email'
		]);
	});

	it('checks cross-field rules once the shape is right', () => {
		const document = buildInvoiceDocument({
			type: 'creditNote',
			dueDate: '2026-01-01',
			vatCodes: [...defaultVatCodes],
			lines: [{ type: 'text', text: 'only words' }, buildItemLine({ vatCodeId: 'GONE' })]
		});
		const parsed = parseInvoiceDocument(document);
		expect(parsed.ok ? [] : parsed.errors).toEqual([
			{
				path: 'lines.1.vatCodeId',
				message: 'VAT code "GONE" is not among the document\'s vatCodes'
			},
			{ path: 'billingReference', message: 'a credit note must reference the invoice it corrects' },
			{ path: 'dueDate', message: 'must not be before the issue date' }
		]);
	});

	it('says where JSON text is broken', () => {
		const parsed = parseInvoiceDocument('{"format":');
		expect(parsed.ok).toBe(false);
		expect(parsed.ok ? '' : parsed.errors[0]?.message).toMatch(/^not valid JSON/);
	});
});
