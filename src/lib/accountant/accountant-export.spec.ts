import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { invoiceDocumentFromRecord } from '$lib/document';
import { computeTotals } from '$lib/invoice';
import { buildContact, buildInvoiceRecord } from '../../../tests/factories';
import { accountantCsv, buildAccountantZip } from './accountant-export';

describe('accountant export', () => {
	it('packs the PDF and UBL of each issued document and a CSV listing with exact totals', () => {
		const first = buildInvoiceRecord({
			status: 'sent',
			number: 'F-2026/001',
			issueDate: '2026-05-17'
		});
		const second = buildInvoiceRecord({
			status: 'paid',
			number: 'F-2026/002',
			issueDate: '2026-05-18',
			payments: [{ date: '2026-05-20', amountCents: 100 }]
		});
		const draft = buildInvoiceRecord({ status: 'draft', number: undefined, issueDate: undefined });
		const pdf = (n: number) => new Uint8Array([37, 80, 68, 70, 45, n]);
		const zip = buildAccountantZip([
			{ record: second, pdf: pdf(2), ublXml: '<Invoice>2</Invoice>' },
			{ record: draft, pdf: pdf(0), ublXml: '<Invoice>0</Invoice>' },
			{ record: first, pdf: pdf(1), ublXml: '<Invoice>1</Invoice>' }
		]);
		const files = unzipSync(zip);
		expect(Object.keys(files).sort()).toEqual([
			'invoices/F-2026_001.pdf',
			'invoices/F-2026_001.xml',
			'invoices/F-2026_002.pdf',
			'invoices/F-2026_002.xml',
			'listing.csv'
		]);
		expect(files['invoices/F-2026_002.pdf']).toEqual(pdf(2));
		expect(strFromU8(files['invoices/F-2026_001.xml'] ?? new Uint8Array())).toBe(
			'<Invoice>1</Invoice>'
		);
		const csv = strFromU8(files['listing.csv'] ?? new Uint8Array());
		const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
		expect(lines[0]).toBe(
			'type;number;issue_date;due_date;buyer;buyer_vat;net_eur;vat_eur;total_eur;paid_eur;status;pdf;ubl'
		);
		expect(lines).toHaveLength(3);
		const parsed = invoiceDocumentFromRecord(first);
		if (!parsed.ok) throw new Error('factory record must be valid');
		const totals = computeTotals(parsed.value);
		const cells = lines[1]?.split(';') ?? [];
		expect(cells.slice(0, 2)).toEqual(['invoice', 'F-2026/001']);
		expect(cells[8]).toBe((totals.taxInclusiveCents / 100).toFixed(2));
		expect(lines[2]?.split(';')[9]).toBe('1.00');
	});

	it('quotes fields with separators', () => {
		const record = buildInvoiceRecord({ status: 'sent' });
		const withSemicolon = {
			...record,
			buyer: { ...(record.buyer ?? buildContact()), name: 'Janssens; "De Smet"' }
		} as typeof record;
		expect(accountantCsv([withSemicolon])).toContain('"Janssens; ""De Smet"""');
	});
});
