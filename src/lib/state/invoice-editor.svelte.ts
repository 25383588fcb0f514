import type { Language } from '$lib/language';
import { checkInvoiceDocument, type Issue } from '$lib/legal';
import type { Item } from '$lib/items';
import { lineFromItem } from '$lib/items';
import {
	buildDocument,
	emptyForm,
	formOfRecord,
	formTotals,
	isEmbeddable,
	withTermsDueDate,
	attachableType,
	draftKey,
	parseStoredForm,
	screenAttachments,
	type InvoiceRecord,
	type DraftProblem,
	type AttachmentRefusal,
	type FormLine,
	type InvoiceForm
} from '$lib/document';
import { unprintableFields } from '$lib/pdf';
import type { Finding } from '$lib/peppol-rules';
import { toUbl, UblError, type UblErrorIssue } from '$lib/ubl';
import {
	appDb,
	attachmentsOf,
	deleteAttachment,
	isFrozen,
	putAttachment,
	readDraft,
	type BillfoldDb
} from '$lib/storage';
import { invoiceSources } from './invoice-sources.svelte.js';
import { IssueRefused, invoiceService, type InvoiceService } from './invoices.svelte.js';
import { OfficialRulesCheck } from './official-rules.svelte.js';
import { ruleTarget, type RuleTarget } from './rule-targets';
import { messageOf } from './busy-task.js';

/** One entry of the validation panel: a field that is not a value yet, or a legal/Peppol rule. */
export type ValidationEntry =
	| { kind: 'draft'; problem: DraftProblem }
	| { kind: 'rule'; issue: Issue }
	| { kind: 'ubl'; path: string; rule: string; message: string }
	| { kind: 'official'; finding: Finding; target: RuleTarget | undefined }
	| { kind: 'notEmbedded'; fileName: string }
	/** A character the PDF cannot print as written (the UBL keeps it). */
	| { kind: 'glyph'; path: string; character: string; printedAs: string };

function lineKey(): string {
	return invoiceService.newId();
}

/**
 * The "Add a sales invoice" editor (and, in quote mode, the quote editor). Every change is kept at once (the typed form in the drafts
 * table, the readable part as the draft record), so a crash or reload loses nothing.
 */
export class InvoiceEditor {
	id = $state<string>();
	form = $state<InvoiceForm>() as InvoiceForm;
	record = $state<InvoiceRecord>();
	loaded = $state(false);
	issuing = $state(false);
	refusals = $state<AttachmentRefusal[]>([]);
	error = $state<string>();
	/** Why the database refused the last write of this form (nothing was numbered); the form keeps it. */
	saveFailed = $state<string>();
	locale = $state<Language>('en');
	/** how many fatal findings of the official rules refused the last save */
	rulesRefusal = $state<number>();
	/** the official Peppol rules on the UBL this invoice would be issued as */
	readonly rules: OfficialRulesCheck;
	#pending: Promise<unknown> = Promise.resolve();
	#onCreated: ((id: string) => void) | undefined;

	readonly setup = $derived(invoiceSources.setup);
	readonly contact = $derived(invoiceSources.contact(this.form?.contactId));
	readonly buyer = $derived(this.contact ? invoiceSources.buyerOf(this.contact) : undefined);
	readonly totals = $derived(
		this.form ? formTotals(this.form, this.setup, this.locale) : undefined
	);
	/** The document as it would be issued now, with a stand-in number. */
	readonly preview = $derived(
		this.form
			? buildDocument({
					form: this.form,
					setup: this.setup,
					buyer: this.buyer,
					number: this.form.type === 'creditNote' ? 'CN-DRAFT' : 'DRAFT',
					paymentReference: this.form.type === 'invoice' ? '000000000097' : undefined,
					locale: this.locale
				})
			: { document: undefined, problems: [] }
	);
	/**
	 * The UBL as issuing would write it (stand-in number and payment reference, the form's issue
	 * date; the PDF is embedded only at issue), or the reasons it cannot be written yet.
	 */
	readonly draftUbl: { xml?: string; issues: readonly UblErrorIssue[] } = $derived.by(() => {
		const document = this.preview.document;
		// A quote is never written as UBL, so neither its rules nor Peppol's apply to it.
		if (!document || document.type === 'quote') return { issues: [] };
		try {
			return { xml: toUbl(document).xml, issues: [] };
		} catch (error) {
			if (!(error instanceof UblError)) throw error;
			return { issues: error.issues };
		}
	});
	/** The form index of each item line: UBL line n is the n-th item line. */
	readonly itemLines = $derived(
		(this.form?.lines ?? []).flatMap((line, index) => (line.type === 'item' ? [index] : []))
	);
	readonly validation: ValidationEntry[] = $derived.by(() => {
		const entries: ValidationEntry[] = this.preview.problems.map((problem) => ({
			kind: 'draft' as const,
			problem
		}));
		const document = this.preview.document;
		if (document) {
			// The invoice rules (mentions, VAT, references) are for tax documents, not quotes.
			const issues =
				document.type === 'quote' ? [] : checkInvoiceDocument(document, { language: this.locale });
			for (const issue of issues) {
				// The stand-in payment reference and number are not the user's to fix.
				if (issue.path === 'paymentReference') continue;
				entries.push({ kind: 'rule', issue });
			}
			for (const field of unprintableFields(document)) entries.push({ kind: 'glyph', ...field });
			for (const issue of this.draftUbl.issues) entries.push({ kind: 'ubl', ...issue });
			if (this.draftUbl.xml !== undefined) {
				for (const finding of this.rules.findings)
					entries.push({
						kind: 'official',
						finding,
						target: ruleTarget(finding, this.itemLines)
					});
			}
		}
		for (const attachment of this.form?.attachments ?? []) {
			if (!isEmbeddable(attachment))
				entries.push({ kind: 'notEmbedded', fileName: attachment.fileName });
		}
		return entries;
	});
	readonly blocking = $derived(
		this.validation.some(
			(entry) =>
				entry.kind === 'draft' ||
				entry.kind === 'ubl' ||
				(entry.kind === 'rule' && entry.issue.severity === 'error')
		)
	);
	readonly frozen = $derived(this.record !== undefined && isFrozen(this.record));
	readonly attachedBytes = $derived(
		(this.form?.attachments ?? []).reduce((sum, attachment) => sum + attachment.size, 0)
	);

	constructor(
		private readonly service: InvoiceService = invoiceService,
		private readonly db: () => BillfoldDb = appDb,
		rules: OfficialRulesCheck = new OfficialRulesCheck()
	) {
		this.rules = rules;
	}

	/**
	 * Opens a stored invoice or quote, or a new empty one of `type` when `id` is undefined: a quote
	 * is this same editor with a validity date and no UBL.
	 */
	async load(
		id: string | undefined,
		locale: Language,
		onCreated?: (id: string) => void,
		type: 'invoice' | 'quote' = 'invoice'
	): Promise<void> {
		this.locale = locale;
		this.#onCreated = onCreated;
		// Read again each time: the seller may have changed the settings since the last invoice.
		await invoiceSources.load();
		if (id === undefined) {
			this.id = undefined;
			this.record = undefined;
			this.form = emptyForm(this.service.clock.today(), this.setup, type);
			this.loaded = true;
			return;
		}
		const [record, kept, attachments] = await Promise.all([
			this.service.get(id),
			readDraft(this.db(), draftKey(id)),
			attachmentsOf(this.db(), id)
		]);
		this.id = id;
		this.record = record;
		const stored = parseStoredForm(kept);
		const form =
			stored ??
			(record ? formOfRecord(record, locale) : emptyForm(this.service.clock.today(), this.setup));
		if (!stored) {
			form.attachments = attachments.flatMap((row) => {
				const type = attachableType({ name: row.fileName, type: row.mimeType });
				return type ? [{ id: row.id, fileName: row.fileName, mimeType: type, size: row.size }] : [];
			});
		}
		this.form = form;
		this.loaded = true;
	}

	/** Call after any edit: keeps the form and the draft record, in order, last write wins. */
	changed(): Promise<unknown> {
		if (this.frozen) return this.#pending;
		this.form = withTermsDueDate(this.form, this.setup);
		const form = $state.snapshot(this.form) as InvoiceForm;
		let created = false;
		if (this.id === undefined) {
			this.id = this.service.newId();
			created = true;
		}
		const id = this.id;
		const createdAt = this.record?.createdAt;
		const pending = this.#pending
			.catch(() => undefined)
			.then(async () => {
				await this.service.keepForm(id, form);
				this.record = await this.service.saveDraft(
					id,
					form,
					this.locale,
					createdAt ?? this.record?.createdAt
				);
			});
		this.#pending = pending;
		// Autosave callers drop the promise: a refused write (the connection closed by a newer
		// version in another tab, a full disk) is said on the page instead of vanishing; the next
		// write that lands clears it.
		pending.then(
			() => (this.saveFailed = undefined),
			(error: unknown) => (this.saveFailed = messageOf(error))
		);
		if (created) this.#onCreated?.(id);
		return pending;
	}

	/** Waits until every change is stored. */
	flushed(): Promise<unknown> {
		return this.#pending.catch(() => undefined);
	}

	setContact(contactId: string | undefined): void {
		this.form.contactId = contactId;
		const reference = invoiceSources.contact(contactId)?.customerReference;
		if (reference && this.form.buyerReference === '') this.form.buyerReference = reference;
		void this.changed();
	}

	addItemLine(): void {
		const vatCodeId = this.setup.vatCodes[0]?.id ?? '';
		this.form.lines.push({
			key: lineKey(),
			type: 'item',
			description: '',
			quantity: '1',
			unitCode: 'C62',
			unitPrice: '',
			vatCodeId,
			discountPercent: ''
		});
		void this.changed();
	}

	addTextLine(): void {
		this.form.lines.push({ key: lineKey(), type: 'text', text: '' });
		void this.changed();
	}

	addCatalogueItem(item: Item): void {
		const line = lineFromItem(item);
		const formLine: FormLine =
			line.type === 'text'
				? { key: lineKey(), type: 'text', text: line.text }
				: {
						key: lineKey(),
						type: 'item',
						itemId: line.itemId,
						description: line.description,
						quantity: line.quantity,
						unitCode: line.unitCode,
						unitPrice: line.unitPrice,
						vatCodeId: line.vatCodeId,
						discountPercent: ''
					};
		this.form.lines.push(formLine);
		void this.changed();
	}

	removeLine(index: number): void {
		this.form.lines.splice(index, 1);
		void this.changed();
	}

	moveLine(from: number, to: number): void {
		const lines = this.form.lines;
		if (from === to || from < 0 || to < 0 || from >= lines.length || to >= lines.length) return;
		const [line] = lines.splice(from, 1);
		if (line) lines.splice(to, 0, line);
		void this.changed();
	}

	/** Keeps the files that pass the type and size rules; the refused ones are listed with why. */
	async addFiles(files: readonly File[]): Promise<void> {
		const { accepted, refused } = screenAttachments(files, this.attachedBytes);
		this.refusals = refused;
		if (accepted.length === 0) return;
		if (this.id === undefined) await this.changed();
		const ownerId = this.id;
		if (ownerId === undefined) return;
		for (const index of accepted) {
			const file = files[index];
			const mimeType = file ? attachableType(file) : undefined;
			if (!file || !mimeType) continue;
			const id = this.service.newId();
			await putAttachment(this.db(), {
				id,
				ownerId,
				fileName: file.name,
				mimeType,
				size: file.size,
				blob: file
			});
			this.form.attachments.push({ id, fileName: file.name, mimeType, size: file.size });
		}
		await this.changed();
	}

	async removeAttachment(id: string): Promise<void> {
		this.form.attachments = this.form.attachments.filter((attachment) => attachment.id !== id);
		await this.changed();
		await deleteAttachment(this.db(), id);
	}

	/**
	 * The official rules on the invoice as it stands; the number of fatal findings. A checker that
	 * cannot run does not hold the invoice back (the panel says why); sending checks again.
	 */
	async #rulesRefusal(): Promise<number> {
		const xml = this.draftUbl.xml;
		if (xml === undefined) return 0;
		try {
			return (await this.rules.check(xml)).fatal.length;
		} catch {
			return 0;
		}
	}

	/** Save: issues the invoice with its number. Returns the issued record, or undefined if refused. */
	async issue(): Promise<InvoiceRecord | undefined> {
		if (this.blocking || this.issuing) return undefined;
		this.issuing = true;
		this.error = undefined;
		this.rulesRefusal = undefined;
		try {
			const fatal = await this.#rulesRefusal();
			if (fatal > 0) {
				this.rulesRefusal = fatal;
				return undefined;
			}
			try {
				await this.changed();
			} catch {
				// The draft could not be stored, so no number was taken: saveFailed says why.
				return undefined;
			}
			// A change typed while that write ran queued another one: number only once it is stored.
			await this.flushed();
			const id = this.id;
			if (id === undefined) return undefined;
			this.record = await this.service.issue(
				id,
				$state.snapshot(this.form) as InvoiceForm,
				this.locale
			);
			return this.record;
		} catch (error) {
			this.error = error instanceof IssueRefused ? undefined : (error as Error).message;
			return undefined;
		} finally {
			this.issuing = false;
		}
	}
}
