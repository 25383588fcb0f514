import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { NumberingService, openDb, putInvoice, type BillfoldDb } from '$lib/storage';
import { buildInvoiceRecord } from '../../../tests/factories';
import { InvoiceService } from './invoices.svelte.js';
import { QuoteActions, QuoteRefused } from './quotes.svelte.js';

let db: BillfoldDb;
let count = 0;
const clock = { now: () => '2026-05-20T10:00:00.000Z', today: () => '2026-05-20' };

function actions(): { quotes: QuoteActions; service: InvoiceService } {
	db = openDb(`quotes-spec-${count++}`);
	const service = new InvoiceService(() => db, clock, new NumberingService(() => db));
	return { quotes: new QuoteActions(service, () => db), service };
}

afterEach(async () => {
	db.close();
	await db.delete();
});

const quoteId = '01936b2e-0000-7000-8000-0000000000a1';
const quote = () =>
	buildInvoiceRecord({
		id: quoteId,
		type: 'quote',
		number: 'Q-2026-0001',
		paymentReference: undefined,
		notes: 'Including travel',
		contactId: 'c1',
		status: 'sent'
	});

describe('converting a quote', () => {
	it('makes one invoice draft with its buyer, lines, notes and reference, however often', async () => {
		const { quotes, service } = actions();
		await putInvoice(db, quote());
		const [first, second] = await Promise.all([
			quotes.convert(quoteId, 'en'),
			quotes.convert(quoteId, 'en')
		]);
		const third = await quotes.convert(quoteId, 'en');
		expect(second).toBe(first);
		expect(third).toBe(first);
		expect(await db.invoices.where('documentType').equals('invoice').count()).toBe(1);
		const invoice = await service.get(first);
		expect(invoice).toMatchObject({
			type: 'invoice',
			status: 'draft',
			contactId: 'c1',
			issueDate: '2026-05-20',
			dueDate: '2026-06-19',
			notes: 'Including travel',
			quoteReference: 'Q-2026-0001',
			quoteId,
			lines: quote().lines
		});
		expect((await service.get(quoteId))?.convertedInvoiceId).toBe(first);
	});

	it('refuses a declined quote with its reason, and makes nothing', async () => {
		const { quotes } = actions();
		await putInvoice(db, quote());
		await quotes.decide(quoteId, 'declined', '2026-05-19');
		const refusal = await quotes.convert(quoteId, 'en').catch((error: unknown) => error);
		expect(refusal).toBeInstanceOf(QuoteRefused);
		expect((refusal as QuoteRefused).reason).toBe('declined');
		expect(await db.invoices.where('documentType').equals('invoice').count()).toBe(0);
	});
});
