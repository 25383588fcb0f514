import type { Language } from '$lib/language';
import { uuidv7 } from 'uuidv7';
import {
	invoiceDocumentFromRecord,
	buildDocument,
	draftRecordOf,
	formOfRecord,
	issuedRecordOf,
	paymentReferenceBase,
	draftKey,
	type InvoiceDocument,
	type InvoiceRecord,
	type Payment,
	type SendAttempt,
	type DraftProblem,
	type InvoiceForm
} from '$lib/document';
import { computeTotals } from '$lib/invoice';
import { seriesFor } from '$lib/numbering';
import { createStructuredReference } from '$lib/payment';
import { renderInvoiceFiles, renderQuoteFile, type InvoiceFiles } from '$lib/send';
import {
	appDb,
	attachmentsOf,
	copyAttachments,
	creditNotesOf,
	discardDraft,
	getAttachment,
	getInvoice,
	isFrozen,
	NumberingService,
	putAttachment,
	putInvoice,
	refreshInvoiceSummaries,
	renderedOwnerId,
	updateIssuedInvoice,
	type BillfoldDb
} from '$lib/storage';
import { invoiceSources } from './invoice-sources.svelte.js';
import { storageStatus } from './storage-status.svelte.js';
import { contentMap, systemClock, type Clock } from './invoice-effects';
import { numbering as appNumbering } from './numbering';

export class IssueRefused extends Error {
	constructor(readonly problems: readonly DraftProblem[]) {
		super(`the invoice cannot be issued: ${problems.map((p) => p.path).join(', ')}`);
		this.name = 'IssueRefused';
	}
}

export function documentOf(record: InvoiceRecord): InvoiceDocument {
	const parsed = invoiceDocumentFromRecord(record);
	if (!parsed.ok) {
		throw new Error(
			`invoice ${record.id}: ${parsed.errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`
		);
	}
	return parsed.value;
}

export function payableCents(record: InvoiceRecord): number {
	return computeTotals({
		lines: record.lines,
		vatCodes: record.vatCodes ?? [],
		cashDiscount: record.cashDiscount,
		issueDate: record.issueDate,
		prepaidCents: record.prepaidCents
	}).payableCents;
}

/** Status after payments: paid once they cover the amount due, partly paid before that. */
export function statusAfterPayments(
	record: InvoiceRecord,
	payments: readonly Payment[]
): InvoiceRecord['status'] {
	const paid = payments.reduce((sum, payment) => sum + payment.amountCents, 0);
	if (paid === 0) return record.status;
	return paid >= payableCents(record) ? 'paid' : 'partlyPaid';
}

const RENDERED_PDF = 'pdf';
const RENDERED_UBL = 'ubl';

/**
 * Every effect on invoices: drafts, issuing, payments, credit notes, duplicates and the rendered
 * files. Invoice records are written only through `write`, the one place sync hooks into.
 */
export class InvoiceService {
	constructor(
		private readonly db: () => BillfoldDb = appDb,
		readonly clock: Clock = systemClock,
		private readonly numbering: NumberingService = appNumbering
	) {
		numbering.reissueQueuedWith((id) => this.issueQueued(id));
	}

	/** The one write of an invoice record (and its overview row). */
	async write(record: InvoiceRecord, customerName?: string): Promise<void> {
		await putInvoice(this.db(), record, customerName);
	}

	get(id: string): Promise<InvoiceRecord | undefined> {
		return getInvoice(this.db(), id);
	}

	newId(): string {
		return uuidv7();
	}

	async saveDraft(
		id: string,
		form: InvoiceForm,
		locale: Language,
		createdAt: string | undefined
	): Promise<InvoiceRecord> {
		const setup = invoiceSources.setup;
		const contact = invoiceSources.contact(form.contactId);
		const buyer = contact ? invoiceSources.buyerOf(contact) : undefined;
		const now = this.clock.now();
		const record = draftRecordOf(id, form, setup, buyer, locale, {
			createdAt: createdAt ?? now,
			updatedAt: now
		});
		await this.write(record, contact?.name);
		return record;
	}

	/**
	 * Issues a draft: the number is taken and the record frozen in one transaction, then the PDF
	 * and UBL are rendered and kept. Refuses with every problem when the form is not an invoice yet.
	 */
	async issue(id: string, form: InvoiceForm, locale: Language): Promise<InvoiceRecord> {
		const setup = invoiceSources.setup;
		const contact = invoiceSources.contact(form.contactId);
		const buyer = contact ? invoiceSources.buyerOf(contact) : undefined;
		const preview = buildDocument({ form, setup, buyer, number: 'DRAFT', locale });
		if (!preview.document) throw new IssueRefused(preview.problems);
		const series = seriesFor(form.type, setup.numbering);
		const db = this.db();
		const existing = await getInvoice(db, id);
		if (!existing) await this.saveDraft(id, form, locale, undefined);
		const now = this.clock.now();
		const record = await this.numbering.issue(
			{ invoiceId: id, series, issueDate: form.issueDate },
			(draft, taken) => {
				const built = buildDocument({
					form,
					setup,
					buyer,
					number: taken.number,
					paymentReference:
						form.type === 'invoice'
							? createStructuredReference(paymentReferenceBase(form.issueDate, taken.sequence))
							: undefined,
					locale
				});
				if (!built.document) throw new IssueRefused(built.problems);
				return issuedRecordOf(draft, built.document, now);
			}
		);
		await discardDraft(db, draftKey(id));
		await storageStatus.afterSave();
		if (record.type === 'quote') await this.renderQuoteAndKeep(record);
		else await this.renderAndKeep(record);
		return record;
	}

	/**
	 * Issues an invoice saved offline once the relay numbers it: with its own form and language,
	 * exactly as an online save, and the relay returns the number it gave (idempotent by id).
	 */
	async issueQueued(id: string): Promise<void> {
		const record = await getInvoice(this.db(), id);
		if (!record || isFrozen(record)) return;
		if (!invoiceSources.loaded) await invoiceSources.load();
		await this.issue(id, formOfRecord(record, record.language), record.language);
	}

	private async attachmentContents(
		record: InvoiceRecord
	): Promise<ReadonlyMap<string, Uint8Array>> {
		const entries: [string, Uint8Array][] = [];
		for (const reference of record.attachments) {
			const row = await getAttachment(this.db(), reference.id);
			if (row) entries.push([reference.id, new Uint8Array(await row.blob.arrayBuffer())]);
		}
		return contentMap(entries);
	}

	/** A quote's one file, its PDF (no terms of sale, no UBL), rendered and kept. */
	async renderQuoteAndKeep(record: InvoiceRecord): Promise<File> {
		const profile = invoiceSources.profile;
		const document = documentOf(record);
		const file = await renderQuoteFile(document, {
			header: $state.snapshot(profile?.header),
			footer: $state.snapshot(profile?.footer),
			images: $state.snapshot(profile?.pdfImages),
			acceptanceTerms: profile?.quoteTerms?.[document.language]
		});
		const pdf = new File([file.pdf.slice()], file.pdfFileName, { type: 'application/pdf' });
		await putAttachment(this.db(), {
			id: `${record.id}:${RENDERED_PDF}`,
			ownerId: renderedOwnerId(record.id),
			fileName: pdf.name,
			mimeType: pdf.type,
			size: pdf.size,
			blob: pdf
		});
		return pdf;
	}

	/** The kept PDF of a numbered quote, rendered again if it was never kept. */
	async quotePdf(id: string): Promise<File> {
		const kept = await getAttachment(this.db(), `${id}:${RENDERED_PDF}`);
		if (kept) return new File([kept.blob], kept.fileName, { type: kept.mimeType });
		const record = await this.get(id);
		if (!record?.number) throw new Error(`quote ${id} is not saved yet`);
		return this.renderQuoteAndKeep(record);
	}

	/** Renders the PDF (terms appended) and the UBL of an issued record and keeps both. */
	async renderAndKeep(record: InvoiceRecord): Promise<InvoiceFiles> {
		const profile = invoiceSources.profile;
		const files = await renderInvoiceFiles(documentOf(record), {
			// Plain copies: the PDF worker cannot receive the store's reactive proxies.
			header: $state.snapshot(profile?.header),
			footer: $state.snapshot(profile?.footer),
			images: $state.snapshot(profile?.pdfImages),
			terms: await invoiceSources.termsPdf(),
			attachmentContents: await this.attachmentContents(record)
		});
		const ownerId = renderedOwnerId(record.id);
		await putAttachment(this.db(), {
			id: `${record.id}:${RENDERED_PDF}`,
			ownerId,
			fileName: files.pdfFileName,
			mimeType: 'application/pdf',
			size: files.pdf.byteLength,
			blob: new Blob([files.pdf.slice()], { type: 'application/pdf' })
		});
		await putAttachment(this.db(), {
			id: `${record.id}:${RENDERED_UBL}`,
			ownerId,
			fileName: files.ublFileName,
			mimeType: 'application/xml',
			size: files.ubl.length,
			blob: new Blob([files.ubl], { type: 'application/xml' })
		});
		return files;
	}

	/** The kept PDF and UBL of an issued invoice, rendered again if they were never kept. */
	async files(id: string): Promise<{ pdf: File; ubl: File }> {
		const db = this.db();
		let pdf = await getAttachment(db, `${id}:${RENDERED_PDF}`);
		let ubl = await getAttachment(db, `${id}:${RENDERED_UBL}`);
		if (!pdf || !ubl) {
			const record = await this.get(id);
			if (!record) throw new Error(`invoice ${id} does not exist`);
			await this.renderAndKeep(record);
			pdf = await getAttachment(db, `${id}:${RENDERED_PDF}`);
			ubl = await getAttachment(db, `${id}:${RENDERED_UBL}`);
		}
		if (!pdf || !ubl) throw new Error(`invoice ${id}: the PDF and UBL could not be kept`);
		return {
			pdf: new File([pdf.blob], pdf.fileName, { type: pdf.mimeType }),
			ubl: new File([ubl.blob], ubl.fileName, { type: ubl.mimeType })
		};
	}

	/** The user's attachments as files, Word documents included (they go with the e-mail). */
	async attachmentFiles(id: string): Promise<File[]> {
		const rows = await attachmentsOf(this.db(), id);
		return rows.map((row) => new File([row.blob], row.fileName, { type: row.mimeType }));
	}

	/** What the credit notes correcting the invoice credit, synced ones included. */
	async creditedCents(id: string): Promise<number> {
		await refreshInvoiceSummaries(this.db());
		const notes = await creditNotesOf(this.db(), id);
		return notes.reduce((sum, note) => sum + note.totalCents, 0);
	}

	async recordPayment(id: string, payment: Payment): Promise<InvoiceRecord> {
		const now = this.clock.now();
		return updateIssuedInvoice(this.db(), id, (record) => {
			if (!isFrozen(record)) {
				throw new Error(`invoice ${id}: a payment can only be recorded on an issued invoice`);
			}
			// A bank movement pays once, however often its statement is imported or on how many devices.
			const movementId = payment.bankMovementId;
			if (movementId && record.payments.some((paid) => paid.bankMovementId === movementId))
				return record;
			const payments = [...record.payments, payment];
			return { ...record, payments, status: statusAfterPayments(record, payments), updatedAt: now };
		});
	}

	/** Appends a delivery attempt and moves the status with it (payments keep their status). */
	async recordSendAttempt(id: string, attempt: SendAttempt): Promise<InvoiceRecord> {
		const now = this.clock.now();
		return updateIssuedInvoice(this.db(), id, (record) => {
			const paidStatus = record.status === 'paid' || record.status === 'partlyPaid';
			const status = paidStatus
				? record.status
				: attempt.result === 'sent'
					? 'sent'
					: attempt.result === 'failed'
						? 'failed'
						: attempt.result === 'queued'
							? 'queued'
							: 'sending';
			return { ...record, sendHistory: [...record.sendHistory, attempt], status, updatedAt: now };
		});
	}

	/** A new draft with the same customer, lines and attachments, dated today. */
	async duplicate(id: string, locale: Language): Promise<string> {
		const source = await this.get(id);
		if (!source) throw new Error(`invoice ${id} does not exist`);
		const copyId = this.newId();
		const attachments = await attachmentsOf(this.db(), id);
		const pairs = attachments.map((row) => ({ fromId: row.id, toId: this.newId() }));
		await copyAttachments(this.db(), pairs, copyId);
		const form: InvoiceForm = {
			...formOfRecord(source, locale),
			type: 'invoice',
			issueDate: this.clock.today(),
			dueDate: '',
			dueDateFromTerms: true,
			deliveryDate: '',
			billingReference: undefined,
			correctsInvoiceId: undefined,
			// A copy follows its contact's language again unless the user picks one.
			language: undefined,
			attachments: attachments.map((row, index) => ({
				id: pairs[index]?.toId ?? row.id,
				fileName: row.fileName,
				mimeType: row.mimeType as InvoiceForm['attachments'][number]['mimeType'],
				size: row.size
			}))
		};
		await this.saveDraft(copyId, form, locale, undefined);
		await this.keepForm(copyId, form);
		return copyId;
	}

	/**
	 * A credit-note draft that references the invoice: every line for a full credit, and the user
	 * removes or lowers lines in the editor for a partial one.
	 */
	async createCreditNote(id: string, scope: 'full' | 'partial', locale: Language): Promise<string> {
		const invoice = await this.get(id);
		if (!invoice?.number || !invoice.issueDate || invoice.type !== 'invoice') {
			throw new Error(`invoice ${id} is not an issued invoice`);
		}
		const noteId = this.newId();
		const today = this.clock.today();
		const form: InvoiceForm = {
			...formOfRecord(invoice, locale),
			type: 'creditNote',
			issueDate: today < invoice.issueDate ? invoice.issueDate : today,
			dueDate: '',
			dueDateFromTerms: false,
			cashDiscount: invoice.cashDiscount !== undefined,
			buyerReference: invoice.buyerReference ?? invoice.number,
			billingReference: { number: invoice.number, issueDate: invoice.issueDate, scope },
			correctsInvoiceId: invoice.id
		};
		await this.saveDraft(noteId, form, locale, undefined);
		await this.keepForm(noteId, form);
		return noteId;
	}

	async keepForm(id: string, form: InvoiceForm): Promise<void> {
		await this.db().drafts.put({ key: draftKey(id), value: form, updatedAt: this.clock.now() });
	}
}

export const invoiceService = new InvoiceService();
