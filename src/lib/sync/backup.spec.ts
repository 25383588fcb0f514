import 'fake-indexeddb/auto';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { computeTotals } from '$lib/invoice';
import { openDb, putInvoice, type BillfoldDb } from '$lib/storage';
import { invoiceDocumentFromRecord } from '$lib/document';
import { buildContact, buildInvoiceRecord } from '../../../tests/factories';
import { accountantCsv, buildAccountantZip } from './accountant-export';
import { BackupError, exportBackup, restoreBackup } from './backup';
import { PassphraseError } from './key-wrap';
import { contactStore } from './testing/devices';

const fastArgon = { memoryKiB: 8192, iterations: 1, parallelism: 1 };
const PASS = 'kiwi banana orchard';
let dbs: BillfoldDb[] = [];
let counter = 0;

function fresh(): BillfoldDb {
	const db = openDb(`backup-${counter++}`);
	dbs.push(db);
	return db;
}

afterEach(async () => {
	for (const db of dbs) {
		db.close();
		await db.delete();
	}
	dbs = [];
});

describe('encrypted backup', () => {
	it('restores every record and blob on a fresh device, and holds no plaintext', async () => {
		const source = fresh();
		const contact = buildContact({ name: 'Brouwerij Zeldzaam' });
		await contactStore(source).put(contact.id, contact, '2026-11-25T10:00:00Z');
		const invoice = buildInvoiceRecord({ status: 'issued', sendHistory: [] });
		await putInvoice(source, invoice);
		const blob = new Blob([new Uint8Array([37, 80, 68, 70, 1, 2, 3])], { type: 'application/pdf' });
		await source.attachments.put({
			id: 'att-1',
			ownerId: invoice.id,
			fileName: 'terms.pdf',
			mimeType: 'application/pdf',
			size: 7,
			blob
		});
		await source.counters.put({ series: 'F-2026', lastNumber: 12, lastIssueDate: '2026-11-20' });

		const file = await exportBackup(source, PASS, '2026-11-25T12:00:00Z', fastArgon);
		const asText = new TextDecoder('latin1').decode(file);
		expect(asText).not.toContain('Zeldzaam');
		expect(asText).not.toContain(invoice.number ?? '');

		const target = fresh();
		const summary = await restoreBackup(target, file, PASS);
		expect(summary.tables).toMatchObject({
			contacts: 1,
			invoices: 1,
			invoiceSummaries: 1,
			attachments: 1,
			counters: 1
		});
		expect(await contactStore(target).get(contact.id)).toEqual(contact);
		expect((await target.invoices.get(invoice.id))?.data).toEqual(invoice);
		const restored = await target.attachments.get('att-1');
		expect(new Uint8Array(await (restored?.blob ?? new Blob()).arrayBuffer())).toEqual(
			new Uint8Array([37, 80, 68, 70, 1, 2, 3])
		);
		expect(restored?.blob.type).toBe('application/pdf');
		expect(await target.counters.get('F-2026')).toEqual({
			series: 'F-2026',
			lastNumber: 12,
			lastIssueDate: '2026-11-20'
		});
	});

	it('refuses a wrong passphrase, a damaged file and a device with sync on', async () => {
		const source = fresh();
		const file = await exportBackup(source, PASS, '2026-11-25T12:00:00Z', fastArgon);
		await expect(restoreBackup(fresh(), file, 'not the passphrase')).rejects.toThrow(
			PassphraseError
		);
		const damaged = file.slice();
		damaged[damaged.length - 5] = (damaged[damaged.length - 5] ?? 0) ^ 1;
		await expect(restoreBackup(fresh(), damaged, PASS)).rejects.toThrow('damaged');
		await expect(restoreBackup(fresh(), new Uint8Array(10), PASS)).rejects.toThrow(BackupError);
		const synced = fresh();
		await synced.syncMeta.put({ key: 'workspace', value: { workspaceId: 'ws' } });
		await expect(restoreBackup(synced, file, PASS)).rejects.toThrow('turn sync off');
		await expect(exportBackup(source, 'short', 'now', fastArgon)).rejects.toThrow('at least 10');
	});
});

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
