import { describe, expect, it } from 'vitest';
import { buildReceivedDocument } from '../../../tests/factories';
import type { PurchaseStatusRecord } from './document-status';
import { filterPurchases, purchaseListRows, purchasesCsv, purchaseTotals } from './inbox-list';

const received = buildReceivedDocument;

const none = new Map<string, PurchaseStatusRecord>();

describe('purchaseListRows', () => {
	it('links a credit note to the invoice of the same supplier it names, and the invoice shows its balance', () => {
		const invoice = received({ number: 'F-100', payableCents: 50_000 });
		const credit = received({
			kind: 'credit-note',
			number: 'CN-7',
			payableCents: 12_000,
			corrects: ['F-100'],
			issueDate: '2026-03-05'
		});
		const [creditRow, invoiceRow] = purchaseListRows([invoice, credit], none);
		expect(creditRow).toMatchObject({
			id: credit.id,
			totalCents: -12_000,
			balanceCents: -12_000,
			correctsId: invoice.id
		});
		expect(invoiceRow).toMatchObject({
			id: invoice.id,
			totalCents: 50_000,
			balanceCents: 38_000,
			creditNoteIds: [credit.id],
			correctsId: undefined
		});
	});

	it('does not link a credit note of another supplier, another currency or naming no listed invoice', () => {
		const invoice = received({ number: 'F-200', payableCents: 10_000 });
		const otherSupplier = received({
			kind: 'credit-note',
			supplierVat: 'BE0999999999',
			corrects: ['F-200']
		});
		const otherCurrency = received({ kind: 'credit-note', currency: 'USD', corrects: ['F-200'] });
		const unknown = received({ kind: 'credit-note', corrects: ['F-999'] });
		const rows = purchaseListRows([invoice, otherSupplier, otherCurrency, unknown], none);
		const byId = new Map(rows.map((row) => [row.id, row]));
		expect(byId.get(invoice.id)).toMatchObject({ balanceCents: 10_000, creditNoteIds: [] });
		for (const credit of [otherSupplier, otherCurrency, unknown])
			expect(byId.get(credit.id)?.correctsId).toBeUndefined();
	});

	it('matches the supplier by VAT number whatever its spacing and case', () => {
		const invoice = received({
			number: 'F-300',
			supplierVat: 'BE 0123 456 749'
		});
		const credit = received({
			kind: 'credit-note',
			supplierVat: 'be0123456749',
			corrects: ['F-300']
		});
		const rows = purchaseListRows([invoice, credit], none);
		expect(rows.find((row) => row.id === credit.id)?.correctsId).toBe(invoice.id);
	});

	it('is new without a status record, takes the synced status, sorts newest issue date first', () => {
		const older = received({ issueDate: '2026-01-10' });
		const newer = received({ issueDate: '2026-02-10' });
		const refused = received(null, { receivedAt: '2026-01-20T08:00:00Z' });
		const statuses = new Map<string, PurchaseStatusRecord>([
			[older.id, { status: 'paid', paidOn: '2026-01-20' }]
		]);
		const rows = purchaseListRows([older, refused, newer], statuses);
		expect(rows.map((row) => row.id)).toEqual([newer.id, refused.id, older.id]);
		expect(rows.map((row) => row.status)).toEqual(['new', 'new', 'paid']);
		expect(rows[2]?.paidOn).toBe('2026-01-20');
		// A refused document has no summary: it shows its sender and the day it arrived.
		expect(rows[1]).toMatchObject({
			supplierName: '0208:0123456749',
			issueDate: '2026-01-20',
			totalCents: 0,
			problem: 'Too large'
		});
	});
});

describe('filterPurchases', () => {
	const maes = received({ supplierName: 'Atelier Maes BV', number: 'M-1' });
	const vos = received({ supplierName: 'Vos NV', number: 'V-1', supplierVat: 'BE0987654321' });
	const broken = received(
		{ supplierName: 'Claes SRL' },
		{ findingCounts: { fatal: 2, warnings: 0 } }
	);
	const refused = received(null);
	const rows = purchaseListRows(
		[maes, vos, broken, refused],
		new Map([[vos.id, { status: 'to-pay' } satisfies PurchaseStatusRecord]])
	);

	it('returns the same array when nothing filters', () => {
		expect(filterPurchases(rows, '  ', '')).toBe(rows);
	});

	it('searches supplier, number and VAT number, case-insensitively', () => {
		expect(filterPurchases(rows, 'MAES', '').map((row) => row.id)).toEqual([maes.id]);
		expect(filterPurchases(rows, 'v-1', '').map((row) => row.id)).toEqual([vos.id]);
		expect(filterPurchases(rows, 'be0987', '').map((row) => row.id)).toEqual([vos.id]);
	});

	it('filters by status, and "problems" finds the unreadable, refused and failing ones', () => {
		expect(filterPurchases(rows, '', 'to-pay').map((row) => row.id)).toEqual([vos.id]);
		expect(
			filterPurchases(rows, '', 'problems')
				.map((row) => row.id)
				.sort()
		).toEqual([broken.id, refused.id].sort());
		expect(filterPurchases(rows, 'vos', 'paid')).toEqual([]);
	});
});

describe('purchaseTotals', () => {
	it('sums per currency; what is open leaves out paid, disputed and credit notes already in a balance', () => {
		const invoice = received({ number: 'F-1', payableCents: 100_00 });
		const credit = received({ kind: 'credit-note', payableCents: 30_00, corrects: ['F-1'] });
		const paid = received({ payableCents: 50_00 });
		const disputed = received({ payableCents: 7_00 });
		const dollars = received({ currency: 'USD', payableCents: 20_00 });
		const refused = received(null);
		const rows = purchaseListRows(
			[invoice, credit, paid, disputed, dollars, refused],
			new Map<string, PurchaseStatusRecord>([
				[paid.id, { status: 'paid', paidOn: '2026-03-03' }],
				[disputed.id, { status: 'disputed' }]
			])
		);
		expect(purchaseTotals(rows)).toEqual({
			count: 6,
			byCurrency: [
				{ currency: 'EUR', totalCents: 100_00 - 30_00 + 50_00 + 7_00, openCents: 70_00 },
				{ currency: 'USD', totalCents: 20_00, openCents: 20_00 }
			]
		});
	});
});

describe('purchasesCsv', () => {
	it('writes a credit note negative and the labels the UI gives', () => {
		const invoice = received({ number: 'F-9', payableCents: 121_00 });
		const credit = received({
			kind: 'credit-note',
			number: 'CN-9',
			payableCents: 21_50,
			corrects: ['F-9'],
			issueDate: '2026-03-09'
		});
		const rows = purchaseListRows([invoice, credit], none);
		const csv = purchasesCsv(rows, ['supplier', 'vat', 'kind', 'number'], (row) => ({
			kind: row.kind ?? '',
			status: row.status,
			arrived: row.provider
		}));
		const lines = csv.trim().split(/\r?\n/);
		expect(lines[0]).toBe('supplier,vat,kind,number');
		expect(lines[1]).toContain('credit-note,CN-9,2026-03-09,2026-03-31,EUR,-21.50,-21.50,new');
		expect(lines[2]).toContain('invoice,F-9,2026-03-01,2026-03-31,EUR,121.00,99.50,new');
	});
});
