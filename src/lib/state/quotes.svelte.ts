import type { Language } from '$lib/language';
import {
	convertedInvoiceIdOf,
	convertRefusal,
	decideQuote,
	formOfRecord,
	QuoteRefused,
	withTermsDueDate,
	type InvoiceForm,
	type InvoiceRecord,
	type QuoteStatus
} from '$lib/document';
import { appDb, getInvoice, updateIssuedInvoice, watchQuotes, type BillfoldDb } from '$lib/storage';
import { invoiceService, type InvoiceService } from './invoices.svelte.js';
import { invoiceSources } from './invoice-sources.svelte.js';
import {
	filterQuoteRows,
	quoteRowOf,
	quoteTotalsOf,
	type QuoteRow,
	type QuoteTotals
} from './quote-rows';

export { QuoteRefused };

/**
 * What happens to a quote after it is saved: the buyer's answer, and "Convert to invoice". Quote
 * records are written through the invoice service like every invoice record.
 */
export class QuoteActions {
	constructor(
		private readonly service: InvoiceService = invoiceService,
		private readonly db: () => BillfoldDb = appDb
	) {}

	/** Marks the buyer's answer on a saved quote, dated as the user says. */
	decide(id: string, outcome: 'accepted' | 'declined', date: string): Promise<InvoiceRecord> {
		const now = this.service.clock.now();
		return updateIssuedInvoice(this.db(), id, (record) => decideQuote(record, outcome, date, now));
	}

	/**
	 * The invoice draft the quote becomes: its buyer, lines, discounts and notes, dated today and
	 * referencing the quote. Its id is derived from the quote's, so converting again, twice at once
	 * in two tabs, or on two devices before they sync, writes that one draft instead of another.
	 * The quote remembers it (kept for quotes converted before the id was derived). The draft is
	 * written with the loaded seller set-up, as the editor's drafts are.
	 */
	async convert(id: string, locale: Language): Promise<string> {
		const candidate = convertedInvoiceIdOf(id);
		const quote = await updateIssuedInvoice(this.db(), id, (record) => {
			const refusal = convertRefusal(record);
			if (refusal) throw refusal;
			if (record.convertedInvoiceId) return record;
			return { ...record, convertedInvoiceId: candidate, updatedAt: this.service.clock.now() };
		});
		const invoiceId = quote.convertedInvoiceId ?? candidate;
		if (await getInvoice(this.db(), invoiceId)) return invoiceId;
		// Due on the seller's payment terms from today: the quote's validity date is no due date.
		const form: InvoiceForm = withTermsDueDate(
			{
				...formOfRecord(quote, locale),
				type: 'invoice',
				issueDate: this.service.clock.today(),
				dueDate: '',
				dueDateFromTerms: true,
				quoteReference: quote.number,
				quoteId: quote.id
			},
			invoiceSources.setup
		);
		await this.service.saveDraft(invoiceId, form, locale, undefined);
		await this.service.keepForm(invoiceId, form);
		return invoiceId;
	}
}

export const quoteActions = new QuoteActions();

/** The quotes list: every quote record, with status filter, search and totals. */
export class QuoteList {
	records = $state.raw<InvoiceRecord[]>([]);
	loaded = $state(false);
	search = $state('');
	status = $state<QuoteStatus | ''>('');
	today = $state(invoiceService.clock.today());
	#unwatch: (() => void) | undefined;

	readonly all: QuoteRow[] = $derived(
		this.records.map((record) =>
			quoteRowOf(record, this.today, invoiceSources.contact(record.contactId)?.name)
		)
	);
	readonly rows: QuoteRow[] = $derived(
		filterQuoteRows(this.all, { search: this.search.trim().toLowerCase(), status: this.status })
	);
	readonly totals: QuoteTotals = $derived(quoteTotalsOf(this.rows));

	constructor(private readonly db: () => BillfoldDb = appDb) {}

	async start(): Promise<void> {
		await invoiceSources.load();
		this.#unwatch?.();
		this.#unwatch = watchQuotes(this.db(), (records) => {
			this.records = records;
			this.loaded = true;
		});
	}

	stop(): void {
		this.#unwatch?.();
		this.#unwatch = undefined;
	}
}
