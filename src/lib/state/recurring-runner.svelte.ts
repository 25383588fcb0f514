import type { Contact } from '$lib/contacts';
import { contactSchema } from '$lib/contacts';
import { documentLanguageOf } from '$lib/document';
import {
	dueOccurrences,
	invoiceFormOf,
	occurrenceInvoiceId,
	type Occurrence,
	type RecurringTemplate
} from '$lib/recurring';
import { appDb, ContactsRepo, isFrozen, RecurringRepo, type BillfoldDb } from '$lib/storage';
import { systemClock, type Clock } from './invoice-effects';
import type { InvoiceSources } from './invoice-sources.svelte.js';
import type { InvoiceService } from './invoices.svelte.js';

/** Why a template made nothing although invoices are due; nothing is made until it is fixed. */
export type RecurringBlock = 'contactDeleted' | 'contactArchived';

export interface MadeInvoice {
	templateId: string;
	name: string;
	invoiceId: string;
	date: string;
	/** Set when the template issues and sends: what became of that. */
	outcome?: 'sent' | 'queued' | 'issuedNotSent' | 'notIssued';
	/** Why it was not issued or not sent, for the user to act on. */
	detail?: string;
}

export interface RecurringRunReport {
	day: string;
	made: MadeInvoice[];
	blocked: { templateId: string; name: string; reason: RecurringBlock; due: number }[];
}

/** The template's contact as it stands, or why it cannot be invoiced. */
export function contactProblem(
	template: Pick<RecurringTemplate, 'contactId'>,
	contacts: readonly Contact[]
): RecurringBlock | undefined {
	const contact = contacts.find((entry) => entry.id === template.contactId);
	if (!contact) return 'contactDeleted';
	return contact.archived ? 'contactArchived' : undefined;
}

/** Issues and sends one made invoice; resolves to what happened. Loaded only when a template asks. */
export type AutoSend = (invoiceId: string) => Promise<Pick<MadeInvoice, 'outcome' | 'detail'>>;

const relaySend: AutoSend = async (invoiceId) => {
	const { invoiceSender } = await import('./invoice-send.svelte.js');
	const plan = await invoiceSender.plan(invoiceId);
	if (plan.standing) return { outcome: 'sent' };
	if (plan.relay !== 'joined') return { outcome: 'issuedNotSent', detail: 'noRelay' };
	// E-mail where Peppol is expected is the user's explicit choice each time, never automatic.
	if (plan.noAccessPoint) return { outcome: 'issuedNotSent', detail: 'noAccessPoint' };
	const sent = await invoiceSender.send(invoiceId);
	return { outcome: sent.kind === 'queued' ? 'queued' : 'sent' };
};

/** What making an invoice needs; loaded only when something is due (it brings the PDF code). */
export interface Invoicing {
	service: InvoiceService;
	sources: InvoiceSources;
}

async function appInvoicing(): Promise<Invoicing> {
	const [{ invoiceService }, { invoiceSources }] = await Promise.all([
		import('./invoices.svelte.js'),
		import('./invoice-sources.svelte.js')
	]);
	return { service: invoiceService, sources: invoiceSources };
}

/**
 * Makes the invoices recurring templates have due, on whichever device runs the app. Each
 * occurrence's invoice has an id derived from (template, date), so two devices that both make it
 * write the same record and sync merges them; issuing goes through the numbering pipeline, which
 * the relay keys by invoice id, and sending through the relay's outbox, which does the same.
 */
export class RecurringRunner {
	report = $state<RecurringRunReport>();
	#running: Promise<RecurringRunReport> | undefined;

	constructor(
		private readonly db: () => BillfoldDb = appDb,
		private readonly clock: Clock = systemClock,
		private readonly invoicing: () => Promise<Invoicing> = appInvoicing,
		private readonly autoSend: AutoSend = relaySend
	) {}

	/** One run at a time per tab; a call during a run gets that run's report. */
	run(): Promise<RecurringRunReport> {
		this.#running ??= this.#run().finally(() => (this.#running = undefined));
		return this.#running;
	}

	async #run(): Promise<RecurringRunReport> {
		const db = this.db();
		const repo = new RecurringRepo(db);
		const today = this.clock.today();
		const report: RecurringRunReport = { day: today, made: [], blocked: [] };
		const templates = (await repo.all()).filter((template) => !template.paused);
		const pending = templates
			.map((template) => ({
				template,
				due: dueOccurrences(template.schedule, template.lastMade, today)
			}))
			.filter(({ due }) => due.length > 0);
		if (pending.length > 0) {
			const invoicing = await this.invoicing();
			await invoicing.sources.load();
			const contacts = await new ContactsRepo(db, contactSchema).all();
			for (const { template, due } of pending) {
				const reason = contactProblem(template, contacts);
				if (reason) {
					report.blocked.push({
						templateId: template.id,
						name: template.name,
						reason,
						due: due.length
					});
					continue;
				}
				await this.#make(invoicing, repo, template, due, today, report);
			}
		}
		// Runs repeat after every sync: what this tab made today stays in the report until tomorrow.
		const earlier = this.report?.day === today ? this.report.made : [];
		const made = [
			...earlier,
			...report.made.filter((entry) => !earlier.some((e) => e.invoiceId === entry.invoiceId))
		];
		this.report = { ...report, made };
		return report;
	}

	async #make(
		{ service, sources }: Invoicing,
		repo: RecurringRepo,
		template: RecurringTemplate,
		due: readonly Occurrence[],
		today: string,
		report: RecurringRunReport
	): Promise<void> {
		let current = template;
		for (const occurrence of due) {
			const invoiceId = occurrenceInvoiceId(template.id, occurrence.date);
			const made: MadeInvoice = {
				templateId: template.id,
				name: template.name,
				invoiceId,
				date: occurrence.date
			};
			const existing = await service.get(invoiceId);
			const contact = sources.contact(template.contactId);
			const buyer = contact ? sources.buyerOf(contact) : undefined;
			const form = invoiceFormOf(template, {
				occurrence,
				today,
				sellerTerms: sources.setup.paymentTerms,
				language: documentLanguageOf(template, buyer, sources.setup)
			});
			// Made already (here, or on another device and synced): never again, never overwritten.
			if (!existing) await service.saveDraft(invoiceId, form, template.notation, undefined);
			if (template.mode === 'issueAndSend' && !(existing && isFrozen(existing))) {
				Object.assign(made, await this.#issueAndSend(service, invoiceId, form, template));
			}
			// What this run did: an invoice another device (or an earlier run) made is not reported again.
			if (!existing || made.outcome) report.made.push(made);
			// Advanced after each invoice, so a run cut short resumes where it stopped.
			current = { ...current, lastMade: occurrence.date, updatedAt: this.clock.now() };
			await repo.put(current, current.updatedAt);
		}
	}

	async #issueAndSend(
		service: InvoiceService,
		invoiceId: string,
		form: ReturnType<typeof invoiceFormOf>,
		template: RecurringTemplate
	): Promise<Pick<MadeInvoice, 'outcome' | 'detail'>> {
		try {
			await service.issue(invoiceId, form, template.notation);
		} catch (error) {
			const issued = await service.get(invoiceId);
			// Another device (or tab) issued it first: the relay gave it the one number.
			if (!issued || !isFrozen(issued)) {
				const detail =
					error instanceof Error && 'problems' in error && Array.isArray(error.problems)
						? error.problems.map((problem: { path: string }) => problem.path).join(', ')
						: error instanceof Error
							? error.message
							: String(error);
				return { outcome: 'notIssued', detail };
			}
		}
		try {
			return await this.autoSend(invoiceId);
		} catch (error) {
			return {
				outcome: 'issuedNotSent',
				detail: error instanceof Error ? error.message : String(error)
			};
		}
	}
}

export const recurringRunner = new RecurringRunner();
