import { LANGUAGES, type Language } from '$lib/language';
import { z } from 'zod';
import { MAX_ATTACHMENT_BYTES, type SellerProfile } from '$lib/document';
import { cashDiscountTermsSchema, type IsoDate } from '$lib/invoice';
import { parseLocalizedDecimal } from '$lib/money';
import {
	formatInvoiceNumber,
	nextInvoiceNumber,
	numberingSettingsSchema,
	seriesFor,
	type NumberingSettings
} from '$lib/numbering';
import { paymentTermsSchema, type PaymentTerms } from '$lib/payment';
import { appDb, readCounter, type BillfoldDb } from '$lib/storage';
import { FormDraft } from './settings-form-draft.svelte.js';
import { sellerStore, type SellerStore } from './seller.svelte.js';
import { browserEffects, type StoreEffects } from './settings-effects';

export const PAYMENT_TERM_KINDS = ['days', 'endOfMonth', 'onReceipt'] as const;

export const sellerInvoicingValuesSchema = z.object({
	cashDiscountEnabled: z.boolean(),
	cashDiscountPercent: z.string(),
	cashDiscountDays: z.string(),
	paymentTermsKind: z.enum(PAYMENT_TERM_KINDS),
	paymentTermsDays: z.string(),
	invoicePattern: z.string(),
	creditNoteSeparate: z.boolean(),
	creditNotePattern: z.string(),
	invoiceLanguage: z.enum(LANGUAGES),
	appendTermsToPdf: z.boolean()
});
export type SellerInvoicingValues = z.infer<typeof sellerInvoicingValuesSchema>;

/** Which rule a field breaks; the page words it in the user's language. */
export type InvoicingProblem = 'percent' | 'percentZero' | 'days' | 'pattern' | 'termsMissing';
export type InvoicingErrors = Partial<Record<keyof SellerInvoicingValues, InvoicingProblem>>;

export function invoicingValuesOf(profile: SellerProfile): SellerInvoicingValues {
	const terms = profile.paymentTerms;
	return {
		cashDiscountEnabled: profile.cashDiscount !== undefined,
		cashDiscountPercent: profile.cashDiscount?.percent ?? '2',
		cashDiscountDays: String(profile.cashDiscount?.days ?? 14),
		paymentTermsKind: terms.kind,
		paymentTermsDays: terms.kind === 'onReceipt' ? '30' : String(terms.days),
		invoicePattern: profile.numbering.invoicePattern,
		creditNoteSeparate: profile.numbering.creditNotePattern !== undefined,
		creditNotePattern: profile.numbering.creditNotePattern ?? 'CN{YYYY}-{SEQ:4}',
		invoiceLanguage: profile.invoiceLanguage,
		appendTermsToPdf: profile.appendTermsToPdf
	};
}

function wholeDays(text: string): number | undefined {
	return /^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

function percentOf(text: string, language: Language): string | undefined {
	try {
		return parseLocalizedDecimal(text, language, 'percent');
	} catch {
		return undefined;
	}
}

export interface ParsedInvoicing {
	cashDiscount: SellerProfile['cashDiscount'];
	paymentTerms: PaymentTerms;
	numbering: NumberingSettings;
	invoiceLanguage: Language;
	appendTermsToPdf: boolean;
}

/** Checks the form with the domain's schemas; every broken rule is reported at its field. */
export function parseInvoicing(
	values: SellerInvoicingValues,
	language: Language,
	hasTermsFile: boolean
): { ok: true; value: ParsedInvoicing } | { ok: false; errors: InvoicingErrors } {
	const errors: InvoicingErrors = {};
	let cashDiscount: SellerProfile['cashDiscount'];
	if (values.cashDiscountEnabled) {
		const percent = percentOf(values.cashDiscountPercent, language);
		const days = wholeDays(values.cashDiscountDays);
		const parsed = cashDiscountTermsSchema.safeParse({ percent, days });
		if (percent === undefined || !cashDiscountTermsSchema.shape.percent.safeParse(percent).success)
			errors.cashDiscountPercent = 'percent';
		else if (Number(percent) === 0) errors.cashDiscountPercent = 'percentZero';
		if (days === undefined || !cashDiscountTermsSchema.shape.days.safeParse(days).success)
			errors.cashDiscountDays = 'days';
		if (parsed.success) cashDiscount = parsed.data;
	}
	const paymentTerms = paymentTermsSchema.safeParse(
		values.paymentTermsKind === 'onReceipt'
			? { kind: 'onReceipt' }
			: { kind: values.paymentTermsKind, days: wholeDays(values.paymentTermsDays) }
	);
	if (!paymentTerms.success) errors.paymentTermsDays = 'days';
	const numbering = numberingSettingsSchema.safeParse({
		invoicePattern: values.invoicePattern.trim(),
		creditNotePattern: values.creditNoteSeparate ? values.creditNotePattern.trim() : undefined
	});
	if (!numbering.success) {
		for (const issue of numbering.error.issues) {
			const field = issue.path[0] === 'creditNotePattern' ? 'creditNotePattern' : 'invoicePattern';
			errors[field] = 'pattern';
		}
	}
	if (values.appendTermsToPdf && !hasTermsFile) errors.appendTermsToPdf = 'termsMissing';
	if (Object.keys(errors).length > 0 || !paymentTerms.success || !numbering.success) {
		return { ok: false, errors };
	}
	return {
		ok: true,
		value: {
			cashDiscount,
			paymentTerms: paymentTerms.data,
			numbering: numbering.data,
			invoiceLanguage: values.invoiceLanguage,
			appendTermsToPdf: values.appendTermsToPdf
		}
	};
}

/** "2026-0001": what the next document of the series would get if issued on `today`. */
export function nextNumberPreview(
	pattern: string,
	counter: { lastNumber: number; lastIssueDate: string | null },
	today: IsoDate
): string | undefined {
	try {
		if (counter.lastNumber === 0 || !counter.lastIssueDate) {
			return formatInvoiceNumber(pattern, 1, today);
		}
		const last = {
			number: formatInvoiceNumber(pattern, counter.lastNumber, counter.lastIssueDate),
			issueDate: counter.lastIssueDate
		};
		const date = today < last.issueDate ? last.issueDate : today;
		return nextInvoiceNumber(pattern, last, date).number;
	} catch {
		return undefined;
	}
}

export type TermsUploadProblem =
	| { kind: 'too-large'; fileName: string; size: number }
	| { kind: 'not-a-pdf' | 'corrupt' | 'encrypted' | 'empty'; fileName: string };

export type TermsUploadResult =
	{ ok: true; fileName: string; pageCount: number } | { ok: false; problem: TermsUploadProblem };

export class SellerInvoicingForm {
	readonly draft: FormDraft<SellerInvoicingValues>;
	attempted = $state(false);
	/** The stored terms-of-sale file, if any. */
	terms = $state<{ fileName: string; size: number }>();
	counters = $state<
		Record<'invoice' | 'creditNote', { lastNumber: number; lastIssueDate: string | null }>
	>({
		invoice: { lastNumber: 0, lastIssueDate: null },
		creditNote: { lastNumber: 0, lastIssueDate: null }
	});

	constructor(
		private readonly db: BillfoldDb,
		private readonly store: SellerStore,
		private readonly effects: StoreEffects = browserEffects
	) {
		this.draft = new FormDraft(db, {
			key: 'seller-profile:invoicing',
			saved: async () => invoicingValuesOf(await store.current()),
			parse: (value) => sellerInvoicingValuesSchema.safeParse(value).data
		});
	}

	async load(): Promise<void> {
		const profile = await this.store.load();
		const file = await this.store.termsFile(profile);
		this.terms = file ? { fileName: file.fileName, size: file.size } : undefined;
		this.counters = {
			invoice: await readCounter(this.db, 'invoice'),
			creditNote: await readCounter(this.db, 'creditNote')
		};
		await this.draft.load();
	}

	errors(language: Language): InvoicingErrors {
		if (!this.attempted) return {};
		const result = parseInvoicing(this.draft.value, language, this.terms !== undefined);
		return result.ok ? {} : result.errors;
	}

	/** Next numbers for the patterns as typed; undefined while a pattern is not valid. */
	nextNumbers(): { invoice: string | undefined; creditNote: string | undefined } {
		const values = this.draft.value;
		const numbering = {
			invoicePattern: values.invoicePattern,
			creditNotePattern: values.creditNoteSeparate ? values.creditNotePattern : undefined
		};
		const today = this.effects.today();
		const invoice = seriesFor('invoice', numbering);
		const creditNote = seriesFor('creditNote', numbering);
		return {
			invoice: nextNumberPreview(invoice.pattern, this.counters[invoice.id], today),
			creditNote: nextNumberPreview(creditNote.pattern, this.counters[creditNote.id], today)
		};
	}

	async save(
		language: Language = 'en'
	): Promise<{ ok: true } | { ok: false; errors: InvoicingErrors }> {
		this.attempted = true;
		await this.draft.flushed();
		const result = parseInvoicing(
			$state.snapshot(this.draft.value),
			language,
			this.terms !== undefined
		);
		if (!result.ok) return result;
		await this.store.update((profile) => ({ ...profile, ...result.value }));
		await this.draft.discard(false);
		this.attempted = false;
		return { ok: true };
	}

	/**
	 * Stores a terms-of-sale PDF once pdf-lib has read it: a file that is not a PDF, damaged,
	 * encrypted or empty is refused, and the previous file stays.
	 */
	async uploadTerms(file: File): Promise<TermsUploadResult> {
		if (file.size > MAX_ATTACHMENT_BYTES) {
			return { ok: false, problem: { kind: 'too-large', fileName: file.name, size: file.size } };
		}
		const bytes = new Uint8Array(await file.arrayBuffer());
		const { pdfWorker } = await import('$lib/pdf');
		const check = await (await pdfWorker()).checkTerms(bytes);
		if (!check.ok) return { ok: false, problem: { kind: check.error, fileName: file.name } };
		const id = this.effects.newId();
		const repo = this.store.repo;
		await repo.putFile({
			id,
			fileName: file.name,
			mimeType: 'application/pdf',
			size: file.size,
			blob: new Blob([bytes], { type: 'application/pdf' })
		});
		const previous = (await this.store.current()).termsOfSaleAttachmentId;
		await this.store.update((profile) => ({ ...profile, termsOfSaleAttachmentId: id }));
		if (previous && previous !== id) await repo.deleteFile(previous);
		this.terms = { fileName: file.name, size: file.size };
		return { ok: true, fileName: file.name, pageCount: check.pageCount };
	}

	/** The stored terms-of-sale PDF, to show the seller what their invoices carry. */
	async termsBlob(): Promise<Blob | undefined> {
		return (await this.store.termsFile(await this.store.current()))?.blob;
	}

	async removeTerms(): Promise<void> {
		const previous = (await this.store.current()).termsOfSaleAttachmentId;
		await this.store.update((profile) => ({
			...profile,
			termsOfSaleAttachmentId: undefined,
			appendTermsToPdf: false
		}));
		if (previous) await this.store.repo.deleteFile(previous);
		this.terms = undefined;
		this.draft.value.appendTermsToPdf = false;
		await this.draft.changed();
	}
}

export function createSellerInvoicingForm(): SellerInvoicingForm {
	return new SellerInvoicingForm(appDb(), sellerStore);
}
