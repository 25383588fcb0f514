import type { Language } from '$lib/language';
import type { InvoiceRecord, SendAttempt } from '$lib/document';
import type { ValidationResult } from '$lib/peppol-rules';
import type { JobStatus } from '$protocol';
import {
	buildSendRequest,
	chooseMailTemplate,
	DEFAULT_MAIL_TEMPLATES,
	DEFAULT_QUOTE_MAIL_TEMPLATE,
	fillMailTemplate,
	flushOutbox,
	mailtoLink,
	queueSend,
	type MailText,
	type OutboxEffects
} from '$lib/send';
import {
	currentResend,
	deliveriesOf,
	isLateStatus,
	nextResend,
	standingDelivery,
	type Delivery
} from '$lib/send/deliveries';
import {
	EMAIL_CHOSEN_WARNING,
	expectsPeppol,
	isKnownSendWarning,
	needsPeppolWarning
} from '$lib/send/peppol-warning';
import { appDb, countPendingSends, watchInvoice, type BillfoldDb } from '$lib/storage';
import { contactsStore } from './contacts.svelte.js';
import { invoiceSources } from './invoice-sources.svelte.js';
import {
	documentOf,
	invoiceService,
	payableCents,
	type InvoiceService
} from './invoices.svelte.js';
import { officialRules, RulesRefused } from './official-rules.svelte.js';
import { OutboxKinds, type OutboxKind, type OutboxKindName } from './outbox-kinds';
import { accessPointState } from './peppol-connection.svelte.js';
import { relayConnection } from './relay.svelte.js';

export { deliveriesOf, isKnownSendWarning, type Delivery };

/** The official rules on a UBL document (the tab's worker by default). */
export type RulesValidate = (xml: string) => Promise<ValidationResult>;
const workerRules: RulesValidate = async (xml) => (await officialRules.validate(xml)).result;

/** The files the user hands over themselves, and a mail link that prefills the message. */
export interface HandOverFiles {
	files: File[];
	mailto: string;
	mail: MailText;
}

export type SendOutcome = { kind: 'relay' } | { kind: 'queued' };

/**
 * What the send dialog must tell before anything leaves: whether a relay can send it (joined, or
 * serving this app but not joined), whether it already went, and whether e-mail would not be a
 * valid invoice for this buyer.
 */
export interface SendPlan {
	relay: 'joined' | 'available' | 'none';
	/** The relay serving the app lets anyone register (no invite needed). */
	openRegistration: boolean;
	/** The send that already went out, or is under way. */
	standing: Delivery | undefined;
	/** A Belgian VAT-registered business not known to be on Peppol. */
	peppolWarning: boolean;
	/**
	 * The buyer should be reached over Peppol (on Peppol, or a Belgian VAT-registered business) and
	 * the workspace has no access point: no plain "Send", only connecting one or choosing e-mail.
	 */
	noAccessPoint: boolean;
	email: string | undefined;
}

/** The e-mail for an issued invoice and the language it is written in. */
export interface ComposedMail {
	text: MailText;
	language: Language;
	/** Set when the template in the invoice's language was empty and the seller's default was used. */
	fellBackFrom: Language | undefined;
}

/**
 * The e-mail for an issued invoice, from the seller's template in the invoice's language (the
 * contact's unless chosen otherwise on the invoice), the language the PDF and UBL speak too.
 */
export function composeMail(record: InvoiceRecord): ComposedMail {
	const document = documentOf(record);
	const profile = invoiceSources.profile;
	const kind = document.type === 'creditNote' ? 'creditNote' : 'invoice';
	const fallback =
		document.type === 'quote' ? DEFAULT_QUOTE_MAIL_TEMPLATE : DEFAULT_MAIL_TEMPLATES[kind];
	const choice = chooseMailTemplate(
		document.type === 'quote'
			? DEFAULT_QUOTE_MAIL_TEMPLATE
			: (profile?.emailTemplates ?? DEFAULT_MAIL_TEMPLATES)[kind],
		fallback,
		document.language,
		profile?.invoiceLanguage ?? document.language
	);
	return {
		text: fillMailTemplate(choice.template, document, payableCents(record), choice.language),
		language: choice.language,
		fellBackFrom: choice.fellBackFrom
	};
}

export function mailTextFor(record: InvoiceRecord): MailText {
	return composeMail(record).text;
}

/**
 * The delivery attempt a relay job status stands for. The relay names the Peppol participant; an
 * e-mail went to the buyer's address, which the relay does not echo.
 */
export function attemptOf(
	job: JobStatus,
	expected: SendAttempt['channel'],
	email?: string
): SendAttempt {
	const channel = job.channel ?? expected;
	const recipient = job.recipient ?? (channel === 'email' ? email : undefined);
	const peppol = job.via?.channel === 'peppol' ? job.via : undefined;
	const messageId = peppol?.messageId ?? job.messageId;
	return {
		channel,
		at: job.sentAt ?? job.updatedAt,
		result: job.status,
		...(recipient ? { recipient } : {}),
		...(messageId ? { messageId } : {}),
		...(peppol ? { provider: peppol.provider } : {}),
		...(job.error ? { error: job.error.reason, retryable: job.error.retryable } : {}),
		...(job.resend > 0 ? { resend: job.resend } : {}),
		...(job.warnings.length > 0 ? { warnings: job.warnings } : {})
	};
}

function sameAttempt(a: SendAttempt | undefined, b: SendAttempt): boolean {
	return (
		a !== undefined &&
		a.result === b.result &&
		a.channel === b.channel &&
		a.messageId === b.messageId &&
		a.error === b.error &&
		(a.resend ?? 0) === (b.resend ?? 0)
	);
}

function expectedChannel(record: InvoiceRecord): SendAttempt['channel'] {
	// A quote is no invoice: Peppol does not carry it, e-mail does.
	if (record.type === 'quote') return 'email';
	return record.buyer?.peppolId ? 'peppol' : 'email';
}

/**
 * Sending. With a relay, the invoice goes into the relay's outbox (queued on this device first, so
 * an offline send leaves on reconnect) and its status follows the relay's events. Without one, the
 * user downloads the files and sends them; only their confirmation records "handed over by you".
 */
export class InvoiceSender {
	pending = $state(0);
	#started = false;
	readonly #kinds = new OutboxKinds();

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
		prepare: async (job) => {
			if (!job.kind) return this.#prepare(job.invoiceId, job.resend ?? 0, job.channel);
			this.#kinds.track(job);
			return (await this.#kinds.load(job.kind)).prepare(job);
		},
		accepted: (invoiceId, job) => {
			const other = this.#kinds.of(invoiceId);
			return other ? other.kind.follow(job) : this.#follow(invoiceId, job);
		},
		refused: async (invoiceId, reason) => {
			const other = this.#kinds.of(invoiceId);
			if (other) return other.kind.refused(other.job, reason);
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

	/** Sends another kind of document through this outbox (see OutboxKind). */
	useKind(name: OutboxKindName, kind: OutboxKind): void {
		this.#kinds.use(name, kind);
	}

	/** Follows relay events and sends what was queued offline; once per page load. */
	start(): void {
		if (this.#started) return;
		this.#started = true;
		relayConnection.onJob((job) => {
			void (job.documentType === 'reminder'
				? this.#kinds.load('reminder').then((kind) => kind.follow(job))
				: this.#follow(job.invoiceId, job));
		});
		addEventListener('online', () => void this.flush());
		void relayConnection.start().then(() => this.flush());
	}

	async flush(): Promise<void> {
		await flushOutbox(this.#effects);
		this.pending = await countPendingSends(this.db());
	}

	async plan(id: string): Promise<SendPlan> {
		const record = await this.#issued(id);
		const contact = record.contactId
			? (await contactsStore.load()).find((entry) => entry.id === record.contactId)
			: undefined;
		const quote = record.type === 'quote';
		const base = {
			standing: standingDelivery(record.sendHistory),
			peppolWarning: !quote && needsPeppolWarning(record.buyer, contact?.peppolStatus),
			email: record.buyer?.email
		};
		if (await relayConnection.client()) {
			const peppolExpected = !quote && expectsPeppol(record.buyer, contact?.peppolStatus);
			const noAccessPoint = peppolExpected && (await accessPointState()) === 'not-connected';
			return { ...base, noAccessPoint, relay: 'joined', openRegistration: false };
		}
		// The relay that served this app answers its info endpoint; a static host does not.
		const info = await relayConnection.publicClient(location.origin).info();
		return {
			...base,
			noAccessPoint: false,
			relay: info.ok ? 'available' : 'none',
			openRegistration: info.ok && info.value.openRegistration
		};
	}

	async #issued(id: string): Promise<InvoiceRecord> {
		const record = await this.service.get(id);
		if (!record?.number) throw new Error(`invoice ${id} is not issued`);
		return record;
	}

	/**
	 * Hands the invoice to the relay's outbox. `again` is the user's explicit "send again": a new
	 * delivery the relay keys apart; otherwise a repeat (or a retry after a failure) stays the same
	 * delivery and is never sent twice. `email` is the user's explicit choice of e-mail where Peppol
	 * was expected but no access point is connected; it is recorded with the delivery.
	 */
	async send(id: string, options: { again?: boolean; email?: boolean } = {}): Promise<SendOutcome> {
		this.start();
		const record = await this.#issued(id);
		if (!(await relayConnection.client())) throw new Error('this device has not joined a relay');
		const resend = options.again
			? nextResend(record.sendHistory)
			: currentResend(record.sendHistory);
		const quote = record.type === 'quote';
		if (!quote) await this.#checkFinalUbl(id);
		// A quote always goes by e-mail, and that is no compromise worth a warning.
		const email = options.email === true && !quote;
		await queueSend(this.#effects, id, resend, email || quote ? 'email' : undefined);
		await this.service.recordSendAttempt(id, {
			channel: email ? 'email' : expectedChannel(record),
			at: this.service.clock.now(),
			result: 'queued',
			...(resend > 0 ? { resend } : {}),
			...(email ? { warnings: [{ ...EMAIL_CHOSEN_WARNING }] } : {})
		});
		if (!navigator.onLine) {
			this.pending = await countPendingSends(this.db());
			return { kind: 'queued' };
		}
		await this.flush();
		return { kind: 'relay' };
	}

	/** The files to hand over by hand; nothing is recorded until the user says they sent them. */
	async handOverFiles(id: string): Promise<HandOverFiles> {
		const record = await this.#issued(id);
		const documents =
			record.type === 'quote'
				? [await this.service.quotePdf(id)]
				: Object.values(await this.service.files(id));
		const attachments = await this.service.attachmentFiles(id);
		const mail = mailTextFor(record);
		return {
			files: [...documents, ...attachments],
			mailto: mailtoLink(record.buyer?.email, mail),
			mail
		};
	}

	/** The user confirmed they sent the files themselves: "handed over by you", dated now. */
	async confirmHandOver(id: string): Promise<InvoiceRecord> {
		const record = await this.#issued(id);
		return this.service.recordSendAttempt(id, {
			channel: 'download',
			at: this.service.clock.now(),
			result: 'sent',
			...(record.buyer?.email ? { recipient: record.buyer.email } : {})
		});
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

	async #prepare(invoiceId: string, resend: number, channel: 'email' | undefined) {
		const record = await this.service.get(invoiceId);
		if (!record) throw new Error(`invoice ${invoiceId} does not exist`);
		// A quote is its PDF alone; an invoice or credit note its PDF and UBL.
		const { pdf, ubl } =
			record.type === 'quote'
				? { pdf: await this.service.quotePdf(invoiceId), ubl: undefined }
				: await this.service.files(invoiceId);
		const attachments = await this.service.attachmentFiles(invoiceId);
		const bytes = async (file: File) => new Uint8Array(await file.arrayBuffer());
		return buildSendRequest({
			invoiceId,
			resend,
			...(channel ? { channel } : {}),
			document: documentOf(record),
			pdf: { fileName: pdf.name, mimeType: pdf.type, bytes: await bytes(pdf) },
			ubl: ubl ? { fileName: ubl.name, xml: await ubl.text() } : undefined,
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
		const attempt = attemptOf(job, expectedChannel(record), record.buyer?.email);
		if (sameAttempt(record.sendHistory.at(-1), attempt)) return;
		if (isLateStatus(record.sendHistory, attempt)) return;
		await this.service.recordSendAttempt(invoiceId, attempt);
	}
}

export const invoiceSender = new InvoiceSender();
