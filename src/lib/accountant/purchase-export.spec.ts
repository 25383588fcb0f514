import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildAccountantZip } from './accountant-export';
import type { AccountantPurchase } from './purchase-export';

const purchase = (overrides: Partial<AccountantPurchase>): AccountantPurchase => ({
	id: '0193a1b2-0000-7000-8000-000000000001',
	kind: 'invoice',
	number: 'INV/7',
	issueDate: '2026-03-01',
	dueDate: '2026-03-31',
	supplier: 'Leverancier NV',
	supplierVat: 'BE0123456749',
	currency: 'EUR',
	payable: '121.00',
	status: 'paid',
	paidOn: '2026-03-20',
	ubl: new TextEncoder().encode('<Invoice>7</Invoice>'),
	pdf: new Uint8Array([37, 80, 68, 70]),
	...overrides
});

describe('purchases in the accountant export', () => {
	it('adds each original UBL, its PDF and purchases.csv beside the sales documents', () => {
		const credit = purchase({
			id: '0193a1b2-0000-7000-8000-000000000002',
			kind: 'credit-note',
			number: 'CN/1',
			issueDate: '2026-03-05',
			payable: '21.00',
			status: 'new',
			paidOn: '',
			pdf: undefined
		});
		const files = unzipSync(buildAccountantZip([], [credit, purchase({})]));
		expect(Object.keys(files).sort()).toEqual([
			'listing.csv',
			'purchases.csv',
			'purchases/credit-notes/BE0123456749_CN_1_0193a1b2.xml',
			'purchases/invoices/BE0123456749_INV_7_0193a1b2.pdf',
			'purchases/invoices/BE0123456749_INV_7_0193a1b2.xml'
		]);
		expect(
			strFromU8(files['purchases/invoices/BE0123456749_INV_7_0193a1b2.xml'] ?? new Uint8Array())
		).toBe('<Invoice>7</Invoice>');
		const lines = strFromU8(files['purchases.csv'] ?? new Uint8Array())
			.replace('\uFEFF', '')
			.trim()
			.split('\r\n');
		expect(lines).toEqual([
			'type;number;issue_date;due_date;supplier;supplier_vat;currency;payable;status;paid_on;ubl;pdf',
			'invoice;INV/7;2026-03-01;2026-03-31;Leverancier NV;BE0123456749;EUR;121.00;paid;2026-03-20;purchases/invoices/BE0123456749_INV_7_0193a1b2.xml;purchases/invoices/BE0123456749_INV_7_0193a1b2.pdf',
			'credit note;CN/1;2026-03-05;2026-03-31;Leverancier NV;BE0123456749;EUR;21.00;new;;purchases/credit-notes/BE0123456749_CN_1_0193a1b2.xml;'
		]);
	});

	it('leaves the ZIP as it was without purchases', () => {
		expect(Object.keys(unzipSync(buildAccountantZip([])))).toEqual(['listing.csv']);
	});
});
