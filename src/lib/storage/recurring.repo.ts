import {
	nextOccurrence,
	RECURRING_SCHEMA_VERSION,
	recurringTemplateSchema,
	type RecurringTemplate
} from '$lib/recurring';
import type { BillfoldDb } from './db';
import { RecordStore } from './record-store';
import type { RecurringRow } from './records';

function toRow(
	template: RecurringTemplate,
	meta: Omit<RecurringRow, 'name' | 'contactId' | 'nextDue'>
): RecurringRow {
	return {
		...meta,
		name: template.name,
		contactId: template.contactId,
		nextDue: nextOccurrence(template.schedule, template.lastMade)?.date ?? null,
		data: template
	};
}

/** Recurring invoice templates: a synced record kind, so every device makes the same invoices. */
export class RecurringRepo {
	readonly #records: RecordStore<RecurringTemplate, RecurringRow>;

	constructor(private readonly db: BillfoldDb) {
		this.#records = new RecordStore<RecurringTemplate, RecurringRow>(
			db.recurring,
			recurringTemplateSchema,
			toRow
		);
	}

	get(id: string): Promise<RecurringTemplate | undefined> {
		return this.#records.get(id);
	}

	/** Every template, the soonest due first; ended ones last. */
	async all(): Promise<RecurringTemplate[]> {
		const rows = await this.db.recurring.toArray();
		rows.sort(
			(a, b) =>
				(a.nextDue ?? '9999').localeCompare(b.nextDue ?? '9999') || a.name.localeCompare(b.name)
		);
		return rows.map((row) => recurringTemplateSchema.parse(row.data));
	}

	put(template: RecurringTemplate, now: string): Promise<void> {
		return this.#records.put(template.id, template, now, RECURRING_SCHEMA_VERSION);
	}

	delete(id: string): Promise<void> {
		return this.#records.delete(id);
	}
}
