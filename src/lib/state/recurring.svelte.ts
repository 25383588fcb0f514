import { contactSchema, type Contact } from '$lib/contacts';
import { formLinesOf, formOfRecord, parseFormLines, type FormLine } from '$lib/document';
import { lineFromItem, type Item } from '$lib/items';
import type { Language } from '$lib/language';
import {
	blankTemplateValues,
	dueOccurrences,
	nextOccurrence,
	templateFromValues,
	templateValuesSchema,
	valuesOfTemplate,
	type RecurringTemplate,
	type TemplateProblem,
	type TemplateValues
} from '$lib/recurring';
import { appDb, ContactsRepo, getInvoice, RecurringRepo, type BillfoldDb } from '$lib/storage';
import { contactProblem, type RecurringBlock } from './recurring-runner.svelte.js';
import { browserEffects, type StoreEffects } from './settings-effects';
import { FormDraft } from './settings-form-draft.svelte.js';

/** One line of the /recurring list. */
export interface TemplateRow {
	template: RecurringTemplate;
	contactName: string | undefined;
	/** The next invoice it will make; undefined once the schedule has ended. */
	nextDue: string | undefined;
	/** Why it makes nothing until the user fixes it. */
	problem: RecurringBlock | undefined;
}

export function rowOf(template: RecurringTemplate, contacts: readonly Contact[]): TemplateRow {
	return {
		template,
		contactName: contacts.find((contact) => contact.id === template.contactId)?.name,
		nextDue: nextOccurrence(template.schedule, template.lastMade)?.date,
		problem: contactProblem(template, contacts)
	};
}

/** A template's values with its lines' numbers written the way this user types them. */
function valuesInNotation(template: RecurringTemplate, locale: Language): TemplateValues {
	const values = valuesOfTemplate(template);
	if (template.notation === locale) return values;
	return {
		...values,
		lines: formLinesOf(parseFormLines(values.lines, template.notation).lines, locale)
	};
}

/** The recurring templates: list, pause and resume, delete. The form below saves them. */
export class RecurringStore {
	rows = $state<TemplateRow[]>([]);
	contacts = $state<Contact[]>([]);
	loaded = $state(false);
	flash = $state<string>();

	constructor(
		private readonly db: () => BillfoldDb = appDb,
		private readonly effects: StoreEffects = browserEffects
	) {}

	/** A schedule changed: the relay's opt-in nudge learns the new due days (dates and counts). */
	#changed(): void {
		void import('./recurring-nudge.svelte.js').then(({ recurringNudge }) =>
			recurringNudge.publish()
		);
	}

	get repo(): RecurringRepo {
		return new RecurringRepo(this.db());
	}

	async load(): Promise<TemplateRow[]> {
		const [templates, contacts] = await Promise.all([
			this.repo.all(),
			new ContactsRepo(this.db(), contactSchema).all()
		]);
		this.contacts = contacts;
		this.rows = templates.map((template) => rowOf(template, contacts));
		this.loaded = true;
		return this.rows;
	}

	get(id: string): Promise<RecurringTemplate | undefined> {
		return this.repo.get(id);
	}

	/**
	 * Pausing skips: on resume, the occurrences that fell due while it was paused are not made
	 * (a paused contract is not billed), only those from today on.
	 */
	async setPaused(id: string, paused: boolean): Promise<void> {
		const template = await this.repo.get(id);
		if (!template) return;
		const now = this.effects.now();
		const skipped = paused
			? []
			: dueOccurrences(template.schedule, template.lastMade, this.effects.today());
		const lastMade = skipped.at(-1)?.date ?? template.lastMade;
		await this.repo.put({ ...template, paused, lastMade, updatedAt: now }, now);
		await this.load();
		this.#changed();
	}

	async remove(id: string): Promise<void> {
		await this.repo.delete(id);
		await this.load();
		this.#changed();
	}

	async save(
		values: TemplateValues,
		id: string | undefined,
		notation: Language,
		sourceInvoiceId: string | undefined
	): Promise<
		{ ok: true; template: RecurringTemplate } | { ok: false; problems: TemplateProblem[] }
	> {
		const previous = id ? await this.repo.get(id) : undefined;
		const now = this.effects.now();
		const result = templateFromValues(values, {
			id: previous?.id ?? this.effects.newId(),
			createdAt: previous?.createdAt ?? now,
			now,
			notation,
			previous,
			sourceInvoiceId
		});
		if (!result.ok) return result;
		await this.repo.put(result.template, now);
		this.flash = result.template.name;
		await this.load();
		this.#changed();
		return result;
	}

	/** A template's values from an invoice: its customer, lines, notes and references, monthly. */
	async valuesFromInvoice(
		invoiceId: string,
		locale: Language
	): Promise<TemplateValues | undefined> {
		const record = await getInvoice(this.db(), invoiceId);
		if (!record) return undefined;
		const form = formOfRecord(record, locale);
		const today = this.effects.today();
		const day = (record.issueDate ?? today).slice(8, 10);
		const contactName =
			record.buyer?.name ?? this.contacts.find((contact) => contact.id === record.contactId)?.name;
		return {
			...blankTemplateValues(today),
			name: contactName ?? '',
			contactId: record.contactId ?? '',
			dayOfMonth: String(Number(day)),
			notes: form.notes,
			buyerReference: form.buyerReference,
			orderReference: form.orderReference,
			cashDiscount: form.cashDiscount,
			lines: form.lines,
			language: record.language
		};
	}
}

export const recurringStore = new RecurringStore();

/** The form of one template, new, edited or made from an invoice; what is typed is kept as a draft. */
export class RecurringTemplateForm {
	readonly draft: FormDraft<TemplateValues>;
	problems = $state<TemplateProblem[]>([]);

	constructor(
		db: BillfoldDb,
		private readonly store: RecurringStore,
		readonly id: string | undefined,
		readonly fromInvoiceId: string | undefined,
		locale: Language
	) {
		this.draft = new FormDraft(db, {
			key: `recurring:${id ?? (fromInvoiceId ? `from:${fromInvoiceId}` : 'new')}`,
			saved: async () => {
				await store.load();
				const template = id ? await store.get(id) : undefined;
				if (template) return valuesInNotation(template, locale);
				const fromInvoice = fromInvoiceId
					? await store.valuesFromInvoice(fromInvoiceId, locale)
					: undefined;
				return fromInvoice ?? blankTemplateValues(browserEffects.today());
			},
			parse: (value) => templateValuesSchema.safeParse(value).data
		});
	}

	#push(line: FormLine): void {
		this.draft.value.lines.push(line);
		void this.draft.changed();
	}

	addItemLine(vatCodeId: string): void {
		this.#push({
			key: browserEffects.newId(),
			type: 'item',
			description: '',
			quantity: '1',
			unitCode: 'C62',
			unitPrice: '',
			vatCodeId,
			discountPercent: ''
		});
	}

	addTextLine(): void {
		this.#push({ key: browserEffects.newId(), type: 'text', text: '' });
	}

	addCatalogueItem(item: Item): void {
		const line = lineFromItem(item);
		const key = browserEffects.newId();
		this.#push(
			line.type === 'text'
				? { key, type: 'text', text: line.text }
				: { key, ...line, discountPercent: '' }
		);
	}

	removeLine(index: number): void {
		this.draft.value.lines.splice(index, 1);
		void this.draft.changed();
	}

	moveLine(from: number, to: number): void {
		const lines = this.draft.value.lines;
		if (from === to || from < 0 || to < 0 || from >= lines.length || to >= lines.length) return;
		const [line] = lines.splice(from, 1);
		if (line) lines.splice(to, 0, line);
		void this.draft.changed();
	}

	problemOf(field: TemplateProblem['field']): TemplateProblem | undefined {
		return this.problems.find((problem) => problem.field === field);
	}

	async save(
		notation: Language
	): Promise<
		{ ok: true; template: RecurringTemplate } | { ok: false; problems: TemplateProblem[] }
	> {
		await this.draft.flushed();
		const result = await this.store.save(
			$state.snapshot(this.draft.value),
			this.id,
			notation,
			this.fromInvoiceId
		);
		this.problems = result.ok ? [] : result.problems;
		if (result.ok) await this.draft.discard(false);
		return result;
	}
}

export function createRecurringForm(
	id: string | undefined,
	fromInvoiceId: string | undefined,
	locale: Language
): RecurringTemplateForm {
	return new RecurringTemplateForm(appDb(), recurringStore, id, fromInvoiceId, locale);
}
