import { uuidv7 } from 'uuidv7';
import type { InvoiceRecord, ReminderRecord, SendAttempt } from '$lib/document';
import type { IsoDate } from '$lib/invoice';
import type { Language } from '$lib/language';
import { settleInvoice } from '$lib/payment';
import type { ReminderStatement } from '$lib/pdf';
import {
	chargesFor,
	daysOverdue,
	DEFAULT_REMINDER_TEMPLATE,
	fillReminderTemplate,
	nextReminder,
	reminderRuleFor,
	type ReminderSchedule,
	type ReminderText,
	type StatedCharges
} from '$lib/reminders';
import { buildReminderRequest } from '$lib/send';
import type { JobStatus, SendRequest } from '$protocol';
import {
	appDb,
	countPendingSends,
	enqueueSend,
	invoiceOfReminder,
	linkReminder,
	updateIssuedInvoice,
	type BillfoldDb,
	type OutboxJob
} from '$lib/storage';
import { attemptOf, invoiceSender, type InvoiceSender } from './invoice-send.svelte.js';
import {
	documentOf,
	invoiceService,
	payableCents,
	type InvoiceService
} from './invoices.svelte.js';
import { relayConnection } from './relay.svelte.js';
import { reminderSettingsOf, reminderTemplateOf } from './seller-reminders.svelte.js';
import { sellerStore, type SellerStore } from './seller.svelte.js';

/** Everything the preview shows and the send uses, computed for today. */
export interface ReminderPlan {
	invoiceId: string;
	number: string;
	/** The schedule's next step, and the day it is due; undefined when every step was sent. */
	step: number | undefined;
	dueOn: IsoDate | undefined;
	/** The schedule reached the step today (the overview's "To remind"). */
	due: boolean;
	statement: ReminderStatement;
	charges: StatedCharges;
	language: Language;
	mail: ReminderText;
	email: string | undefined;
}

/** The day a reminder went out: its first successful delivery, else undefined. */
function sentOn(reminder: ReminderRecord): IsoDate | undefined {
	return reminder.sendHistory.find((attempt) => attempt.result === 'sent')?.at.slice(0, 10);
}

/** When a reminder counts for the schedule: the day it went out, or the day it was made. */
function scheduledOn(reminder: ReminderRecord): IsoDate {
	return sentOn(reminder) ?? reminder.date;
}

/**
 * The reminder the schedule asks for an invoice. The law decides the charges (only those the
 * seller chose, only when allowed): a consumer's first reminder, or one within 14 days of the
 * first going out, states none.
 */
export function planReminder(
	record: InvoiceRecord,
	creditedCents: number,
	schedule: ReminderSchedule,
	chosen: Parameters<typeof chargesFor>[0]['chosen'],
	template: typeof DEFAULT_REMINDER_TEMPLATE,
	today: IsoDate
): ReminderPlan {
	const document = documentOf(record);
	const totalCents = payableCents(record);
	const paidCents = record.payments.reduce((sum, payment) => sum + payment.amountCents, 0);
	const { balanceCents } = settleInvoice({ totalCents, paidCents, creditedCents });
	const reminders = record.reminders ?? [];
	const next = nextReminder(
		{
			id: record.id,
			type: record.type,
			status: record.status,
			dueDate: record.dueDate ?? '',
			balanceCents,
			reminders: reminders.map((reminder) => ({
				step: reminder.step,
				on: scheduledOn(reminder)
			}))
		},
		schedule
	);
	const dueDate = record.dueDate ?? document.issueDate;
	const rule = reminderRuleFor(document.buyer.kind);
	const firstSent = reminders.length > 0 ? sentOn(reminders[0]!) : undefined;
	const charges = chargesFor({
		rule,
		amountDueCents: balanceCents,
		dueDate,
		today,
		firstReminderSentOn: firstSent,
		chosen
	});
	const language = document.buyer.language ?? document.language;
	const written = (part: 'subject' | 'body') => template[part][language].trim() !== '';
	const text = written('subject') && written('body') ? template : DEFAULT_REMINDER_TEMPLATE;
	const overdue = daysOverdue(dueDate, today);
	const step = next?.step;
	return {
		invoiceId: record.id,
		number: document.number,
		step,
		dueOn: next?.dueOn,
		due: next !== undefined && next.dueOn <= today,
		statement: {
			document,
			language,
			date: today,
			step: step ?? reminders.length + 1,
			invoiceTotalCents: totalCents,
			paidCents,
			creditedCents,
			amountDueCents: balanceCents,
			daysOverdue: overdue,
			rule,
			interestCents: charges.interestCents,
			flatCents: charges.flatCents
		},
		charges,
		language,
		mail: fillReminderTemplate(
			text,
			{
				customer: document.buyer.contactName ?? document.buyer.name,
				seller: document.seller.tradingName ?? document.seller.name,
				number: document.number,
				issueDate: document.issueDate,
				dueDate,
				amountDueCents: balanceCents,
				daysOverdue: overdue,
				paymentReference: document.paymentReference ?? '',
				charges
			},
			language
		),
		email: document.buyer.email
	};
}

/** The statement a stored reminder stated: the same PDF whenever it is (re)made. */
function statementOf(record: InvoiceRecord, reminder: ReminderRecord): ReminderStatement {
	const totalCents = payableCents(record);
	return {
		document: documentOf(record),
		language: reminder.language,
		date: reminder.date,
		step: reminder.step,
		invoiceTotalCents: totalCents,
		paidCents: Math.max(totalCents - reminder.amountDueCents - reminder.creditedCents, 0),
		creditedCents: reminder.creditedCents,
		amountDueCents: reminder.amountDueCents,
		daysOverdue: reminder.daysOverdue,
		rule: reminder.rule,
		interestCents: reminder.interestCents,
		flatCents: reminder.flatCents
	};
}

/**
 * Payment reminders: planned for today from the seller's schedule, sent through the invoice
 * outbox as their own document (own id, e-mail only), kept on their invoice so they sync with it.
 */
export class ReminderSender {
	constructor(
		private readonly service: InvoiceService = invoiceService,
		private readonly sender: InvoiceSender = invoiceSender,
		private readonly seller: SellerStore = sellerStore,
		private readonly db: () => BillfoldDb = appDb
	) {
		sender.useKind('reminder', {
			prepare: (job) => this.#prepare(job),
			follow: (job) => this.#follow(job),
			refused: (job, reason) =>
				this.#record(job.parentId ?? '', job.invoiceId, {
					channel: 'email',
					at: this.service.clock.now(),
					result: 'failed',
					error: reason,
					retryable: false
				})
		});
	}

	async plan(invoiceId: string): Promise<ReminderPlan> {
		const record = await this.service.get(invoiceId);
		if (!record?.number) throw new Error(`invoice ${invoiceId} is not issued`);
		const settings = reminderSettingsOf(await this.seller.current());
		return planReminder(
			record,
			await this.service.creditedCents(invoiceId),
			settings.schedule,
			settings.charges,
			reminderTemplateOf(settings),
			this.service.clock.today()
		);
	}

	/** Whether this device can send: a relay joined (offline, the reminder waits in the queue). */
	async canSend(): Promise<boolean> {
		return (await relayConnection.client()) !== undefined;
	}

	/**
	 * Makes the reminder the plan shows and queues it; it leaves now when online, else on
	 * reconnect. Nothing about the invoice reaches the relay before this call.
	 */
	async send(invoiceId: string): Promise<{ kind: 'relay' | 'queued'; reminderId: string }> {
		this.sender.start();
		const plan = await this.plan(invoiceId);
		if (plan.step === undefined) throw new Error(`invoice ${plan.number}: every reminder was sent`);
		if (!plan.email) throw new Error(`invoice ${plan.number}: the customer has no e-mail address`);
		const now = this.service.clock.now();
		const reminder: ReminderRecord = {
			id: uuidv7(),
			step: plan.step,
			createdAt: now,
			date: plan.statement.date,
			language: plan.language,
			amountDueCents: plan.statement.amountDueCents,
			creditedCents: plan.statement.creditedCents,
			daysOverdue: plan.statement.daysOverdue,
			interestCents: plan.charges.interestCents,
			flatCents: plan.charges.flatCents,
			rule: plan.charges.rule,
			subject: plan.mail.subject,
			body: plan.mail.body,
			sendHistory: [{ channel: 'email', at: now, result: 'queued', recipient: plan.email }]
		};
		await updateIssuedInvoice(this.db(), invoiceId, (record) => ({
			...record,
			reminders: [...(record.reminders ?? []), reminder],
			updatedAt: now
		}));
		await linkReminder(this.db(), reminder.id, invoiceId);
		await enqueueSend(this.db(), {
			invoiceId: reminder.id,
			queuedAt: now,
			attempts: 0,
			kind: 'reminder',
			parentId: invoiceId
		});
		if (!navigator.onLine) {
			this.sender.pending = await countPendingSends(this.db());
			return { kind: 'queued', reminderId: reminder.id };
		}
		await this.sender.flush();
		return { kind: 'relay', reminderId: reminder.id };
	}

	/** A failed reminder queued again under its own id: the relay never delivers it twice. */
	async retry(invoiceId: string, reminderId: string): Promise<void> {
		await this.#record(invoiceId, reminderId, {
			channel: 'email',
			at: this.service.clock.now(),
			result: 'queued'
		});
		await enqueueSend(this.db(), {
			invoiceId: reminderId,
			queuedAt: this.service.clock.now(),
			attempts: 0,
			kind: 'reminder',
			parentId: invoiceId
		});
		await this.sender.flush();
	}

	async #prepare(job: OutboxJob): Promise<SendRequest> {
		const record = await this.service.get(job.parentId ?? '');
		const reminder = record?.reminders?.find((entry) => entry.id === job.invoiceId);
		if (!record || !reminder) throw new Error(`reminder ${job.invoiceId} does not exist`);
		const statement = statementOf(record, reminder);
		// The page's one PDF worker: a worker that could not load is replaced by the next request,
		// instead of a client of its own refusing every statement until a reload.
		const { pdfWorker } = await import('$lib/pdf');
		const rendered = await (await pdfWorker()).renderStatement(statement);
		if (rendered.status !== 'rendered')
			throw new Error(
				`the statement of reminder ${reminder.id} could not be made: ${rendered.status === 'failed' ? rendered.message : 'superseded'}`
			);
		// Its own module: $lib/pdf re-exporting it made the PDF worker load the reminder code.
		const { reminderStatementFileName } = await import('$lib/pdf/reminder-statement');
		return buildReminderRequest({
			reminderId: reminder.id,
			document: statement.document,
			statement: { fileName: reminderStatementFileName(statement), bytes: rendered.pdf.bytes },
			mail: { subject: reminder.subject, body: reminder.body }
		});
	}

	async #follow(job: JobStatus): Promise<void> {
		const invoiceId = await invoiceOfReminder(this.db(), job.invoiceId);
		if (invoiceId) await this.#record(invoiceId, job.invoiceId, attemptOf(job, 'email'));
	}

	/** Appends a delivery attempt to one reminder, skipping a repeat of the last one. */
	async #record(invoiceId: string, reminderId: string, attempt: SendAttempt): Promise<void> {
		await updateIssuedInvoice(this.db(), invoiceId, (record) => {
			const reminders = (record.reminders ?? []).map((reminder) => {
				if (reminder.id !== reminderId) return reminder;
				const last = reminder.sendHistory.at(-1);
				if (last?.result === attempt.result && last.messageId === attempt.messageId)
					return reminder;
				// A late "queued" or "sending" never reopens a reminder the relay reported sent.
				if (last?.result === 'sent' && attempt.result !== 'sent') return reminder;
				const recipient = attempt.recipient ?? last?.recipient;
				return {
					...reminder,
					sendHistory: [
						...reminder.sendHistory,
						{ ...attempt, ...(recipient ? { recipient } : {}) }
					]
				};
			});
			return { ...record, reminders, updatedAt: this.service.clock.now() };
		});
	}
}

export const reminderSender = new ReminderSender();
