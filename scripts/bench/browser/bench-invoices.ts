import { INVOICE_SCHEMA_VERSION, type InvoiceRecord, type InvoiceStatus } from '$lib/document';
import type { InvoiceLine } from '$lib/invoice';
import { defaultVatCodes } from '$lib/vat';
import { appDb, bulkPutInvoices, recordTotalCents, type BillfoldDb } from '$lib/storage';
import { buildSeller } from '../../../tests/factories/seller-factory';

/*
 * Made-up invoices for the overview and sync benches. Bench-only: the app must never be able to
 * write these into a real ledger, so they live in the bench bundle, not in src/.
 */

// The tests' seller, without the optional parts the benches never measured with.
const { tradingName: _trading, phone: _phone, peppolId: _peppol, ...SELLER } = buildSeller();

const WORDS = [
	'Acme',
	'Nova',
	'Delta',
	'Vos',
	'Maes',
	'Janssens',
	'Peeters',
	'Lambert',
	'Dubois',
	'Claes'
];
const FORMS = ['BV', 'NV', 'SRL', 'CommV', 'VOF'];
const STATUSES: InvoiceStatus[] = [
	'sent',
	'sent',
	'paid',
	'paid',
	'paid',
	'issued',
	'partlyPaid',
	'failed'
];
const VAT_CODES = defaultVatCodes.filter((code) => code.id === 'S21' || code.id === 'S6');

/** A deterministic pseudo-random sequence, so every bench run seeds the same workspace. */
function sequence(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

function hexId(prefix: number, index: number): string {
	const hex = index.toString(16).padStart(12, '0');
	return `${prefix.toString(16).padStart(8, '0')}-0000-7000-8000-${hex}`;
}

/**
 * `count` issued invoices over five years for 2,000 customers, shaped like real ones (snapshots,
 * one to three lines), for the 100k overview bench. Ids and dates derive from the index.
 */
export function benchInvoices(count: number, startIndex = 0): InvoiceRecord[] {
	const random = sequence(42 + startIndex);
	const records: InvoiceRecord[] = [];
	for (let index = startIndex; index < startIndex + count; index++) {
		const day = Math.floor((index / Math.max(count + startIndex, 1)) * 1800);
		const date = new Date(Date.UTC(2021, 0, 1 + day));
		const issueDate = date.toISOString().slice(0, 10);
		const dueDate = new Date(date.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
		const customer = Math.floor(random() * 2000);
		const name = `${WORDS[customer % 10]} ${WORDS[Math.floor(customer / 10) % 10]} ${FORMS[customer % 5]} ${customer}`;
		const lines: InvoiceLine[] = [];
		const lineCount = 1 + Math.floor(random() * 3);
		for (let line = 0; line < lineCount; line++) {
			lines.push({
				type: 'item',
				description: `Consulting ${line + 1}`,
				quantity: String(1 + Math.floor(random() * 20)),
				unitCode: 'HUR',
				unitPrice: String(40 + Math.floor(random() * 80)),
				vatCodeId: random() < 0.8 ? 'S21' : 'S6'
			});
		}
		const status = STATUSES[Math.floor(random() * STATUSES.length)] ?? 'issued';
		const year = issueDate.slice(0, 4);
		const at = `${issueDate}T09:00:00.000Z`;
		const record: InvoiceRecord = {
			id: hexId(0x01900000, index),
			schemaVersion: INVOICE_SCHEMA_VERSION,
			createdAt: at,
			updatedAt: at,
			type: 'invoice',
			status,
			number: `F${year}-${String(index + 1).padStart(6, '0')}`,
			issueDate,
			dueDate,
			contactId: hexId(0x01800000, customer),
			seller: SELLER,
			buyer: {
				kind: 'business',
				name,
				address: { street: 'Meir 10', postalCode: '2000', city: 'Antwerpen', countryCode: 'BE' }
			},
			language: 'nl',
			lines,
			vatCodes: VAT_CODES,
			attachments: [],
			sendHistory:
				status === 'issued'
					? []
					: [
							{
								channel: random() < 0.3 ? 'peppol' : 'email',
								at,
								result: status === 'failed' ? 'failed' : 'sent'
							}
						],
			payments: []
		};
		const total = recordTotalCents(record);
		if (status === 'paid') record.payments = [{ date: dueDate, amountCents: total }];
		if (status === 'partlyPaid')
			record.payments = [{ date: dueDate, amountCents: Math.ceil(total / 3) }];
		records.push(record);
	}
	return records;
}

/** Seeds `count` invoices in batches; resolves with the milliseconds it took. */
export async function seedBenchInvoices(
	count: number,
	db: BillfoldDb = appDb(),
	batch = 5000
): Promise<number> {
	const started = performance.now();
	for (let start = 0; start < count; start += batch) {
		await bulkPutInvoices(db, benchInvoices(Math.min(batch, count - start), start));
	}
	return performance.now() - started;
}
