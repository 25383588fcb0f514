import { LANGUAGES, type Language } from '$lib/language';
import { z } from 'zod';
import { emailTemplateSchema, type InvoiceDocument, type SellerProfile } from '$lib/document';
import { computeTotals } from '$lib/invoice';
import { DEFAULT_MAIL_TEMPLATES, fillMailTemplate, type MailText } from '$lib/send';
import { appDb, type BillfoldDb } from '$lib/storage';
import { FormDraft } from './settings-form-draft.svelte.js';
import { sellerStore, type SellerStore } from './seller.svelte.js';

export const MAIL_KINDS = ['invoice', 'creditNote'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** The placeholders fillMailTemplate ($lib/send) fills; {amount} still works as an alias of {total}. */
export const MAIL_PLACEHOLDERS = [
	'number',
	'customer',
	'total',
	'dueDate',
	'issueDate',
	'seller',
	'paymentReference'
] as const;

const localizedDraft = z.object({ nl: z.string(), fr: z.string(), en: z.string(), de: z.string() });
const templateDraft = z.object({ subject: localizedDraft, body: localizedDraft });
export const sellerEmailValuesSchema = z.object({
	invoice: templateDraft,
	creditNote: templateDraft
});
export type SellerEmailValues = z.infer<typeof sellerEmailValuesSchema>;

export type MailField = `${MailKind}.${'subject' | 'body'}.${Language}`;

function copyTemplates(profile: SellerProfile): SellerEmailValues {
	const source = profile.emailTemplates ?? DEFAULT_MAIL_TEMPLATES;
	return {
		invoice: { subject: { ...source.invoice.subject }, body: { ...source.invoice.body } },
		creditNote: { subject: { ...source.creditNote.subject }, body: { ...source.creditNote.body } }
	};
}

/** Every empty subject or body: each language needs its own text, for the buyer who reads it. */
export function emptyMailFields(values: SellerEmailValues): MailField[] {
	const empty: MailField[] = [];
	for (const kind of MAIL_KINDS) {
		for (const part of ['subject', 'body'] as const) {
			for (const language of LANGUAGES) {
				if (values[kind][part][language].trim() === '') empty.push(`${kind}.${part}.${language}`);
			}
		}
	}
	return empty;
}

/** The mail as the buyer would get it for `document`, with the sender's own placeholder filling. */
export function previewMail(
	values: SellerEmailValues,
	kind: MailKind,
	document: InvoiceDocument,
	language: Language
): MailText {
	const totals = computeTotals({
		lines: document.lines,
		vatCodes: document.vatCodes,
		cashDiscount: document.cashDiscount,
		issueDate: document.issueDate,
		prepaidCents: document.prepaidCents
	});
	return fillMailTemplate(values[kind], { ...document, language }, totals.payableCents, language);
}

export type EmailSaveResult = { ok: true } | { ok: false; empty: MailField[] };

export class SellerEmailForm {
	readonly draft: FormDraft<SellerEmailValues>;
	attempted = $state(false);

	constructor(
		db: BillfoldDb,
		private readonly store: SellerStore
	) {
		this.draft = new FormDraft(db, {
			key: 'seller-profile:email',
			saved: async () => copyTemplates(await store.current()),
			parse: (value) => sellerEmailValuesSchema.safeParse(value).data
		});
	}

	errors(): MailField[] {
		return this.attempted ? emptyMailFields(this.draft.value) : [];
	}

	async save(): Promise<EmailSaveResult> {
		this.attempted = true;
		await this.draft.flushed();
		const values = $state.snapshot(this.draft.value);
		const empty = emptyMailFields(values);
		if (empty.length > 0) return { ok: false, empty };
		const templates = {
			invoice: emailTemplateSchema.parse(values.invoice),
			creditNote: emailTemplateSchema.parse(values.creditNote)
		};
		await this.store.update((profile) => ({ ...profile, emailTemplates: templates }));
		await this.draft.discard(false);
		this.attempted = false;
		return { ok: true };
	}
}

export function createSellerEmailForm(): SellerEmailForm {
	return new SellerEmailForm(appDb(), sellerStore);
}
