import type { Language } from '$lib/language';
import type { AttachmentReference } from './attachment-reference';
import type { InvoiceDocument } from './invoice-document';
import { INVOICE_DOCUMENT_FORMAT, INVOICE_DOCUMENT_VERSION } from './invoice-document-format';
import { INVOICE_SCHEMA_VERSION, type InvoiceRecord } from './invoice-record';
import { parseInvoiceDocument } from './parse-invoice-document';
import {
	buyerSnapshotSchema,
	sellerSnapshotSchema,
	type BuyerSnapshot,
	type SellerSnapshot
} from './party-snapshot';
import { SELLER_PROFILE_DEFAULTS, type SellerProfile } from './seller-profile';
import type { Contact } from '$lib/contacts';
import {
	computeTotals,
	isIsoDate,
	type CashDiscountTerms,
	type InvoiceLine,
	type IsoDate,
	type ItemLine,
	type Totals
} from '$lib/invoice';
import { formatDecimal, parseLocalizedDecimal } from '$lib/money';
import type { NumberingSettings } from '$lib/numbering';
import { dueDateFor, type PaymentTerms } from '$lib/payment';
import type { VatCode } from '$lib/vat';
import type { FormAttachment, FormLine, InvoiceForm } from './invoice-form';
import { defaultValidUntil } from './quote';

/** Everything outside the form that an invoice is built from: the seller's set-up. */
export interface InvoiceSetup {
	/** Undefined until the seller profile is complete enough to snapshot. */
	seller: SellerSnapshot | undefined;
	vatCodes: readonly VatCode[];
	/** Language the legal parts of the invoice are written in. */
	language: Language;
	cashDiscount: CashDiscountTerms | undefined;
	paymentTerms: PaymentTerms;
	numbering: NumberingSettings;
}

const blankToUndefined = (text: string | undefined): string | undefined =>
	text === undefined || text.trim() === '' ? undefined : text.trim();

/** The seller as an invoice snapshots it, or undefined while the profile misses a required field. */
export function sellerSnapshotOf(profile: SellerProfile): SellerSnapshot | undefined {
	const parsed = sellerSnapshotSchema.safeParse({
		name: blankToUndefined(profile.name),
		tradingName: profile.tradingName,
		legalForm: blankToUndefined(profile.legalForm),
		address: {
			street: profile.address?.street,
			additionalLine: blankToUndefined(profile.address?.additionalLine),
			postalCode: profile.address?.postalCode,
			city: profile.address?.city,
			countryCode: profile.address?.countryCode
		},
		enterpriseNumber: profile.enterpriseNumber?.replace(/\D/g, ''),
		vatNumber: blankToUndefined(profile.vatNumber?.replace(/[\s.]/g, '').toUpperCase()),
		smallBusinessExemption: profile.smallBusinessExemption,
		registerOfLegalEntities: profile.registerOfLegalEntities,
		iban: profile.iban?.replace(/\s/g, '').toUpperCase(),
		bic: blankToUndefined(profile.bic?.replace(/\s/g, '').toUpperCase()),
		email: blankToUndefined(profile.email),
		phone: profile.phone,
		website: profile.website,
		peppolId: profile.peppolId
	});
	return parsed.success ? parsed.data : undefined;
}

export function setupOf(profile: SellerProfile | undefined): InvoiceSetup {
	return {
		seller: profile ? sellerSnapshotOf(profile) : undefined,
		vatCodes: profile?.vatCodes ?? SELLER_PROFILE_DEFAULTS.vatCodes,
		language: profile?.invoiceLanguage ?? SELLER_PROFILE_DEFAULTS.invoiceLanguage,
		cashDiscount: profile?.cashDiscount,
		paymentTerms: profile?.paymentTerms ?? SELLER_PROFILE_DEFAULTS.paymentTerms,
		numbering: profile?.numbering ?? SELLER_PROFILE_DEFAULTS.numbering
	};
}

/** The buyer as an invoice snapshots it, or undefined while the contact misses a required field. */
export function buyerSnapshotOf(contact: Contact): BuyerSnapshot | undefined {
	const parsed = buyerSnapshotSchema.safeParse({
		kind: contact.kind,
		name: contact.name,
		contactName: contact.contactName,
		vatNumber: contact.vatNumber?.replace(/[\s.]/g, '').toUpperCase(),
		enterpriseNumber: contact.enterpriseNumber?.replace(/\D/g, ''),
		address: contact.address,
		email: contact.email,
		phone: contact.phone,
		language: contact.language,
		customerReference: contact.customerReference,
		peppolId: contact.peppolId
	});
	return parsed.success ? parsed.data : undefined;
}

/** A problem the editor found before the legal checks could run: a field that is not a value yet. */
export interface DraftProblem {
	path: string;
	/** i18n key under "editor.problem". */
	key: string;
	values?: Record<string, string | number>;
	/** The domain's own text when it is the one that refused the value. */
	detail?: string;
}

/** Attachments Peppol can embed in the UBL (BT-125); the others travel with the e-mail only. */
const EMBEDDABLE = new Set<string>([
	'application/pdf',
	'image/png',
	'image/jpeg',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
]);

export function isEmbeddable(attachment: FormAttachment): boolean {
	return EMBEDDABLE.has(attachment.mimeType);
}

/**
 * The language the invoice, its PDF, UBL texts and e-mail are written in: the one chosen on this
 * invoice, else the contact's, else the seller's default invoice language.
 */
export function documentLanguageOf(
	form: Pick<InvoiceForm, 'language'>,
	buyer: Pick<BuyerSnapshot, 'language'> | undefined,
	setup: Pick<InvoiceSetup, 'language'>
): Language {
	return form.language ?? buyer?.language ?? setup.language;
}

export function emptyForm(
	today: IsoDate,
	setup: InvoiceSetup,
	type: 'invoice' | 'quote' = 'invoice'
): InvoiceForm {
	return {
		type,
		issueDate: today,
		deliveryDate: '',
		dueDate: type === 'quote' ? defaultValidUntil(today) : dueDateFor(today, setup.paymentTerms),
		dueDateFromTerms: true,
		buyerReference: '',
		orderReference: '',
		notes: '',
		cashDiscount: setup.cashDiscount !== undefined,
		lines: [],
		attachments: []
	};
}

/** Keeps the due date on the payment terms (a quote's validity on its default) until one is typed. */
export function withTermsDueDate(form: InvoiceForm, setup: InvoiceSetup): InvoiceForm {
	if (!form.dueDateFromTerms || !isIsoDate(form.issueDate)) return form;
	const dueDate =
		form.type === 'quote'
			? defaultValidUntil(form.issueDate)
			: dueDateFor(form.issueDate, setup.paymentTerms);
	return dueDate === form.dueDate ? form : { ...form, dueDate };
}

function isBlankItem(line: FormLine): boolean {
	return (
		line.type === 'item' &&
		line.description.trim() === '' &&
		line.unitPrice.trim() === '' &&
		line.itemId === undefined
	);
}

function decimal(
	text: string,
	locale: Language,
	path: string,
	problems: DraftProblem[]
): string | undefined {
	try {
		return parseLocalizedDecimal(text, locale, path);
	} catch {
		problems.push({ path, key: 'number', values: { value: text } });
		return undefined;
	}
}

/** Converts the typed lines to domain lines, reporting each value that is not a number yet. */
export function parseFormLines(
	lines: readonly FormLine[],
	locale: Language
): { lines: InvoiceLine[]; problems: DraftProblem[] } {
	const problems: DraftProblem[] = [];
	const parsed: InvoiceLine[] = [];
	lines.forEach((line, index) => {
		const path = `lines.${index}`;
		if (line.type === 'text') {
			if (line.text.trim() === '') problems.push({ path: `${path}.text`, key: 'emptyText' });
			else parsed.push({ type: 'text', id: line.key, text: line.text.trim() });
			return;
		}
		if (isBlankItem(line)) return;
		const quantity = decimal(line.quantity, locale, `${path}.quantity`, problems);
		const unitPrice = decimal(line.unitPrice, locale, `${path}.unitPrice`, problems);
		const discount =
			line.discountPercent.trim() === ''
				? '0'
				: decimal(line.discountPercent, locale, `${path}.discountPercent`, problems);
		if (line.description.trim() === '') {
			problems.push({ path: `${path}.description`, key: 'description' });
		}
		if (quantity === undefined || unitPrice === undefined || discount === undefined) return;
		const item: ItemLine = {
			type: 'item',
			id: line.key,
			description: line.description.trim() || '?',
			quantity,
			unitCode: line.unitCode,
			unitPrice,
			vatCodeId: line.vatCodeId
		};
		if (line.itemId) item.itemId = line.itemId;
		if (Number(discount) !== 0) item.discountPercent = discount;
		parsed.push(item);
	});
	return { lines: parsed, problems };
}

/** The form's lines back as text in the user's notation, for editing a stored record. */
export function formLinesOf(lines: readonly InvoiceLine[], locale: Language): FormLine[] {
	return lines.map((line, index) =>
		line.type === 'text'
			? { key: line.id ?? `t${index}`, type: 'text', text: line.text }
			: {
					key: line.id ?? `l${index}`,
					type: 'item',
					itemId: line.itemId,
					description: line.description,
					quantity: formatDecimal(line.quantity, locale),
					unitCode: line.unitCode,
					unitPrice: formatDecimal(line.unitPrice, locale, 2),
					vatCodeId: line.vatCodeId,
					discountPercent: line.discountPercent ? formatDecimal(line.discountPercent, locale) : ''
				}
	);
}

/**
 * Live totals of what can be read so far: lines that are not numbers yet count as absent, so the
 * totals move with every keystroke instead of vanishing while one field is half typed.
 */
export function formTotals(
	form: InvoiceForm,
	setup: InvoiceSetup,
	locale: Language
): Totals | undefined {
	const { lines } = parseFormLines(form.lines, locale);
	const known = lines.filter(
		(line) => line.type === 'text' || setup.vatCodes.some((code) => code.id === line.vatCodeId)
	);
	try {
		return computeTotals({
			lines: known,
			vatCodes: setup.vatCodes,
			cashDiscount: form.cashDiscount ? setup.cashDiscount : undefined,
			issueDate: isIsoDate(form.issueDate) ? form.issueDate : undefined
		});
	} catch {
		return undefined;
	}
}

/** OGM base: issue year and sequence, so the reference is unique per series and year. */
export function paymentReferenceBase(issueDate: IsoDate, sequence: number): string {
	return `${issueDate.slice(0, 4)}${String(sequence % 1_000_000).padStart(6, '0')}`;
}

function attachmentReferences(form: InvoiceForm): AttachmentReference[] {
	return form.attachments.filter(isEmbeddable).map((attachment) => ({
		id: attachment.id,
		fileName: attachment.fileName,
		mimeType: attachment.mimeType as AttachmentReference['mimeType'],
		size: attachment.size
	}));
}

export interface BuildInput {
	form: InvoiceForm;
	setup: InvoiceSetup;
	buyer: BuyerSnapshot | undefined;
	number: string;
	/** 12-digit OGM; invoices only. */
	paymentReference?: string | undefined;
	/** Language the typed numbers are written in. */
	locale: Language;
}

export interface BuildResult {
	document: InvoiceDocument | undefined;
	problems: DraftProblem[];
}

/**
 * The invoice document the form would become with the given number. Every problem is reported;
 * the document is there only when the domain accepted it, ready for the legal checks.
 */
export function buildDocument(input: BuildInput): BuildResult {
	const { form, setup, buyer } = input;
	const { lines, problems } = parseFormLines(form.lines, input.locale);
	if (!setup.seller) problems.push({ path: 'seller', key: 'seller' });
	if (!form.contactId) problems.push({ path: 'buyer', key: 'buyer' });
	else if (!buyer) problems.push({ path: 'buyer', key: 'buyerIncomplete' });
	if (!lines.some((line) => line.type === 'item')) problems.push({ path: 'lines', key: 'noLines' });
	if (!isIsoDate(form.issueDate)) problems.push({ path: 'issueDate', key: 'issueDate' });
	for (const field of ['dueDate', 'deliveryDate'] as const) {
		if (form[field] !== '' && !isIsoDate(form[field])) problems.push({ path: field, key: field });
	}
	if (form.type === 'quote') {
		if (!isIsoDate(form.dueDate)) problems.push({ path: 'dueDate', key: 'validUntil' });
		else if (isIsoDate(form.issueDate) && form.dueDate < form.issueDate)
			problems.push({ path: 'dueDate', key: 'validUntilBeforeIssue' });
	}
	if (problems.length > 0 || !setup.seller || !buyer) return { document: undefined, problems };

	const used = new Set(lines.flatMap((line) => (line.type === 'item' ? [line.vatCodeId] : [])));
	const isInvoice = form.type === 'invoice';
	// A quote's dueDate is its validity date; a credit note is due when it is issued.
	const keepsDueDate = form.type !== 'creditNote';
	const orderReference = blankToUndefined(form.orderReference);
	const candidate = {
		format: INVOICE_DOCUMENT_FORMAT,
		version: INVOICE_DOCUMENT_VERSION,
		type: form.type,
		number: input.number,
		issueDate: form.issueDate,
		dueDate: keepsDueDate ? blankToUndefined(form.dueDate) : form.issueDate,
		deliveryDate: blankToUndefined(form.deliveryDate),
		language: documentLanguageOf(form, buyer, setup),
		currency: 'EUR',
		seller: setup.seller,
		buyer,
		// PEPPOL-EN16931-R003 needs BT-10 or BT-13; the invoice number is the usual stand-in.
		buyerReference:
			blankToUndefined(form.buyerReference) ??
			buyer.customerReference ??
			(orderReference ? undefined : input.number),
		orderReference,
		lines,
		vatCodes: setup.vatCodes.filter((code) => used.has(code.id)),
		// A credit note reverses VAT on the same discounted base the invoice charged it on.
		cashDiscount: form.cashDiscount ? setup.cashDiscount : undefined,
		paymentReference: isInvoice ? input.paymentReference : undefined,
		notes: blankToUndefined(form.notes),
		billingReference: form.billingReference,
		quoteReference: isInvoice ? form.quoteReference : undefined,
		attachments: attachmentReferences(form)
	};
	const parsed = parseInvoiceDocument(candidate);
	if (parsed.ok) return { document: parsed.value, problems: [] };
	return {
		document: undefined,
		problems: parsed.errors.map((error) => ({
			path: error.path,
			key: 'domain',
			values: { path: error.path },
			detail: error.message
		}))
	};
}

/** The draft record the overview lists: what can be read of the form so far. */
export function draftRecordOf(
	id: string,
	form: InvoiceForm,
	setup: InvoiceSetup,
	buyer: BuyerSnapshot | undefined,
	locale: Language,
	times: { createdAt: string; updatedAt: string }
): InvoiceRecord {
	const { lines } = parseFormLines(form.lines, locale);
	const date = (text: string) => (isIsoDate(text) ? text : undefined);
	return {
		id,
		schemaVersion: INVOICE_SCHEMA_VERSION,
		createdAt: times.createdAt,
		updatedAt: times.updatedAt,
		type: form.type,
		status: 'draft',
		issueDate: date(form.issueDate),
		dueDate: date(form.dueDate),
		deliveryDate: date(form.deliveryDate),
		contactId: form.contactId,
		buyer,
		language: documentLanguageOf(form, buyer, setup),
		lines: lines.filter(
			(line) => line.type === 'text' || setup.vatCodes.some((code) => code.id === line.vatCodeId)
		),
		vatCodes: [...setup.vatCodes],
		cashDiscount: form.cashDiscount ? setup.cashDiscount : undefined,
		buyerReference: blankToUndefined(form.buyerReference),
		orderReference: blankToUndefined(form.orderReference),
		notes: blankToUndefined(form.notes),
		billingReference: form.billingReference,
		correctsInvoiceId: form.correctsInvoiceId,
		quoteReference: form.type === 'invoice' ? form.quoteReference : undefined,
		quoteId: form.type === 'invoice' ? form.quoteId : undefined,
		attachments: attachmentReferences(form),
		sendHistory: [],
		payments: []
	};
}

/** The issued record: the document frozen into it, with number, snapshots and status. */
export function issuedRecordOf(
	draft: InvoiceRecord,
	document: InvoiceDocument,
	now: string
): InvoiceRecord {
	return {
		...draft,
		updatedAt: now,
		status: 'issued',
		number: document.number,
		issueDate: document.issueDate,
		dueDate: document.dueDate,
		deliveryDate: document.deliveryDate,
		seller: document.seller,
		buyer: document.buyer,
		language: document.language,
		lines: document.lines,
		vatCodes: document.vatCodes,
		cashDiscount: document.cashDiscount,
		paymentReference: document.paymentReference,
		paymentTerms: document.paymentTerms,
		buyerReference: document.buyerReference,
		orderReference: document.orderReference,
		notes: document.notes,
		billingReference: document.billingReference,
		quoteReference: document.quoteReference,
		attachments: document.attachments
	};
}

/** The editable form of a stored record (a draft opened without a kept form, or a duplicate). */
export function formOfRecord(record: InvoiceRecord, locale: Language): InvoiceForm {
	return {
		type: record.type,
		contactId: record.contactId,
		issueDate: record.issueDate ?? '',
		deliveryDate: record.deliveryDate ?? '',
		dueDate: record.dueDate ?? '',
		dueDateFromTerms: record.status === 'draft' && record.dueDate === undefined,
		buyerReference: record.buyerReference ?? '',
		orderReference: record.orderReference ?? '',
		notes: record.notes ?? '',
		cashDiscount: record.cashDiscount !== undefined,
		// Kept as chosen: a credit note speaks its invoice's language, a draft stays as saved.
		language: record.language,
		lines: formLinesOf(record.lines, locale),
		// The attachments table is the full list (Word files included); the caller reads it.
		attachments: [],
		billingReference: record.billingReference,
		correctsInvoiceId: record.correctsInvoiceId,
		quoteReference: record.quoteReference,
		quoteId: record.quoteId
	};
}
