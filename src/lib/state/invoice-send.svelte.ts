import type { InvoiceRecord, SendAttempt } from '$lib/document';
import type { ValidationResult } from '$lib/peppol-rules';
import type { JobStatus } from '$lib/protocol';
import {
	buildSendRequest,
	DEFAULT_MAIL_TEMPLATES,
	fillMailTemplate,
	flushOutbox,
	mailtoLink,
	queueSend,
	type MailText,
	type OutboxEffects
} from '$lib/send';
import { appDb, countPendingSends, watchInvoice, type BillfoldDb } from '$lib/storage';
import { invoiceSources } from './invoice-sources.svelte.js';
import {
	documentOf,
	invoiceService,
	payableCents,
	type InvoiceService
} from './invoices.svelte.js';
import { officialRules, RulesRefused } from './official-rules.svelte.js';
import { relayConnection } from './relay.svelte.js';

/** The official rules on a UBL document (the tab's worker by default). */
export type RulesValidate = (xml: string) => Promise<ValidationResult>;
const workerRules: RulesValidate = async (xml) => (await officialRules.validate(xml)).result;

/** What the page does to hand an invoice over without a relay: downloads and a mail link. */
export interface ManualHandOver {
	kind: 'manual';
	files: File[];
	mailto: string;
	mail: MailText;
}

export type SendOutcome = ManualHandOver | { kind: 'relay' } | { kind: 'queued' };

/** The e-mail text for an issued invoice, from the seller's template in the invoice language. */
export function mailTextFor(record: InvoiceRecord): MailText {
	const document = documentOf(record);
	const templates = invoiceSources.profile?.emailTemplates ?? DEFAULT_MAIL_TEMPLATES;
	const template = document.type === 'invoice' ? templates.invoice : templates.creditNote;
	return fillMailTemplate(template, document, payableCents(record), document.language);
}

/** The delivery attempt a relay job status stands for. */
export function attemptOf(job: JobStatus, expected: SendAttempt['channel']): SendAttempt {
	return {
		channel: job.channel ?? expected,
		at: job.sentAt ?? job.updatedAt,
		result: job.status,
		...(job.recipient ? { recipient: job.recipient } : {}),
		...(job.messageId ? { messageId: job.messageId } : {}),
		...(job.error ? { error: job.error.reason, retryable: job.error.retryable } : {})
	};
}

function sameAttempt(a: SendAttempt | undefined, b: SendAttempt): boolean {
	return (
		a !== undefined &&
		a.result === b.result &&
		a.channel === b.channel &&
		a.messageId === b.messageId &&
		a.error === b.error
	);
}

function expectedChannel(record: InvoiceRecord): SendAttempt['channel'] {
	return record.buyer?.peppolId ? 'peppol' : 'email';
}

/**
 * Sending. With a relay, the invoice goes into the relay's outbox (queued on this device first, so
 * an offline send leaves on reconnect) and its status follows the relay's events. Without one, the
 * PDF and UBL are downloaded, the mail client opens with the template filled in, and the channel
 * is recorded as "downloaded / e-mailed by you".
 */
export class InvoiceSender {
	pending = $state(0);
	#started = false;

	constructor(
		private readonly service: InvoiceService = invoiceService,
		private readonly db: () => BillfoldDb = appDb,
		private readonly rules: RulesValidate = workerRules
	) {
		this.#effects.db = db();
	}

	readonly #effects: OutboxEffects = {
		db: appDb(),
		client: () => relayConnection.client(),
		online: () => navigator.onLine,
		now: () => this.service.clock.now(),
		prepare: (invoiceId) => this.#prepare(invoiceId),
		accepted: (invoiceId, job) => this.#follow(invoiceId, job),
		refused: async (invoiceId, reason) => {
			const record = await this.service.get(invoiceId);
			await this.service.recordSendAttempt(invoiceId, {
				channel: record ? expectedChannel(record) : 'email',
				at: this.service.clock.now(),
				result: 'failed',
				error: reason,
				retryable: false
			});
		}
	};

	/** Follows relay events and sends what was queued offline; once per page load. */
	start(): void {
		if (this.#started) return;
		this.#started = true;
		relayConnection.onJob((job) => void this.#follow(job.invoiceId, job));
		addEventListener('online', () => void this.flush());
		void relayConnection.start().then(() => this.flush());
	}

	async flush(): Promise<void> {
		await flushOutbox(this.#effects);
		this.pending = await countPendingSends(this.db());
	}

	async send(id: string): Promise<SendOutcome> {
		this.start();
		const record = await this.service.get(id);
		if (!record?.number) throw new Error(`invoice ${id} is not issued`);
		if (!(await relayConnection.client())) return this.handOverManually(id);
		await this.#checkFinalUbl(id);
		await queueSend(this.#effects, id);
		await this.service.recordSendAttempt(id, {
			channel: expectedChannel(record),
			at: this.service.clock.now(),
			result: 'queued'
		});
		if (!navigator.onLine) {
			this.pending = await countPendingSends(this.db());
			return { kind: 'queued' };
		}
		await this.flush();
		return { kind: 'relay' };
	}

	async handOverManually(id: string): Promise<ManualHandOver> {
		const record = await this.service.get(id);
		if (!record?.number) throw new Error(`invoice ${id} is not issued`);
		const { pdf, ubl } = await this.service.files(id);
		const attachments = await this.service.attachmentFiles(id);
		const mail = mailTextFor(record);
		await this.service.recordSendAttempt(id, {
			channel: 'download',
			at: this.service.clock.now(),
			result: 'sent',
			...(record.buyer?.email ? { recipient: record.buyer.email } : {})
		});
		return {
			kind: 'manual',
			files: [pdf, ubl, ...attachments],
			mailto: mailtoLink(record.buyer?.email, mail),
			mail
		};
	}

	/** Live record updates for the page showing one invoice. */
	watch(id: string, onChange: (record: InvoiceRecord) => void): () => void {
		return watchInvoice(this.db(), id, onChange);
	}

	/**
	 * The relay may deliver over Peppol, where an access point rejects a fatal finding: the final
	 * UBL (number, embedded PDF and attachments) is checked with the official rules first. A
	 * checker that cannot run does not hold the invoice back; the access point still validates.
	 */
	async #checkFinalUbl(id: string): Promise<void> {
		const { ubl } = await this.service.files(id);
		const xml = await ubl.text();
		let result: ValidationResult;
		try {
			result = await this.rules(xml);
		} catch {
			return;
		}
		if (result.fatal.length > 0) throw new RulesRefused(result.fatal);
	}

	async #prepare(invoiceId: string) {
		const record = await this.service.get(invoiceId);
		if (!record) throw new Error(`invoice ${invoiceId} does not exist`);
		const { pdf, ubl } = await this.service.files(invoiceId);
		const attachments = await this.service.attachmentFiles(invoiceId);
		const bytes = async (file: File) => new Uint8Array(await file.arrayBuffer());
		return buildSendRequest({
			invoiceId,
			document: documentOf(record),
			pdf: { fileName: pdf.name, mimeType: pdf.type, bytes: await bytes(pdf) },
			ubl: { fileName: ubl.name, xml: await ubl.text() },
			attachments: await Promise.all(
				attachments.map(async (file) => ({
					fileName: file.name,
					mimeType: file.type,
					bytes: await bytes(file)
				}))
			),
			mail: mailTextFor(record)
		});
	}

	async #follow(invoiceId: string, job: JobStatus): Promise<void> {
		const record = await this.service.get(invoiceId);
		if (!record) return;
		const attempt = attemptOf(job, expectedChannel(record));
		if (sameAttempt(record.sendHistory.at(-1), attempt)) return;
		await this.service.recordSendAttempt(invoiceId, attempt);
	}
}

export const invoiceSender = new InvoiceSender();
