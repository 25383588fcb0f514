import { LANGUAGES, type Language } from '$lib/language';
import { z } from 'zod';
import type { SellerProfile } from '$lib/document';
import {
	DEFAULT_REMINDER_SETTINGS,
	DEFAULT_REMINDER_TEMPLATE,
	reminderScheduleSchema,
	reminderTemplateSchema,
	type ReminderCharges,
	type ReminderSettings,
	type ReminderTemplate
} from '$lib/reminders';
import { appDb, type BillfoldDb } from '$lib/storage';
import { FormDraft } from './settings-form-draft.svelte.js';
import { sellerStore, type SellerStore } from './seller.svelte.js';

const localizedDraft = z.object({ nl: z.string(), fr: z.string(), en: z.string(), de: z.string() });
/** The form as typed: numbers stay text until saved, so a half-typed one is never lost. */
export const sellerRemindersValuesSchema = z.object({
	firstAfterDays: z.string(),
	everyDays: z.string(),
	maxReminders: z.string(),
	businessInterest: z.boolean(),
	businessFlatCompensation: z.boolean(),
	consumerInterest: z.boolean(),
	consumerDamages: z.boolean(),
	subject: localizedDraft,
	body: localizedDraft
});
export type SellerRemindersValues = z.infer<typeof sellerRemindersValuesSchema>;

export type ScheduleField = 'firstAfterDays' | 'everyDays' | 'maxReminders';
export type ReminderField = ScheduleField | `${'subject' | 'body'}.${Language}`;

/** The stored settings, or the defaults, as the form shows them. */
export function reminderSettingsOf(profile: SellerProfile | undefined): ReminderSettings {
	return profile?.reminders ?? DEFAULT_REMINDER_SETTINGS;
}

export function reminderTemplateOf(settings: ReminderSettings): ReminderTemplate {
	return settings.template ?? DEFAULT_REMINDER_TEMPLATE;
}

function toValues(settings: ReminderSettings): SellerRemindersValues {
	const template = reminderTemplateOf(settings);
	return {
		firstAfterDays: String(settings.schedule.firstAfterDays),
		everyDays: String(settings.schedule.everyDays),
		maxReminders: String(settings.schedule.maxReminders),
		...settings.charges,
		subject: { ...template.subject },
		body: { ...template.body }
	};
}

/** "3" → 3; anything but a plain whole number stays a string, so the schema names the rule. */
function wholeNumber(text: string): number | string {
	return /^\s*\d+\s*$/.test(text) ? Number(text) : text;
}

export type RemindersParse =
	| { ok: true; settings: ReminderSettings }
	| { ok: false; errors: Partial<Record<ReminderField, string>> };

/** Checks the form: each field that breaks a rule gets the rule's message. */
export function parseReminderValues(values: SellerRemindersValues): RemindersParse {
	const errors: Partial<Record<ReminderField, string>> = {};
	const schedule = reminderScheduleSchema.safeParse({
		firstAfterDays: wholeNumber(values.firstAfterDays),
		everyDays: wholeNumber(values.everyDays),
		maxReminders: wholeNumber(values.maxReminders)
	});
	if (!schedule.success)
		for (const issue of schedule.error.issues) {
			const field = issue.path[0] as ScheduleField;
			errors[field] ??= issue.message;
		}
	for (const part of ['subject', 'body'] as const)
		for (const language of LANGUAGES)
			if (values[part][language].trim() === '') errors[`${part}.${language}`] = 'required';
	if (!schedule.success || Object.keys(errors).length > 0) return { ok: false, errors };
	const charges: ReminderCharges = {
		businessInterest: values.businessInterest,
		businessFlatCompensation: values.businessFlatCompensation,
		consumerInterest: values.consumerInterest,
		consumerDamages: values.consumerDamages
	};
	const template = reminderTemplateSchema.parse({ subject: values.subject, body: values.body });
	return { ok: true, settings: { schedule: schedule.data, charges, template } };
}

export type RemindersSaveResult =
	{ ok: true } | { ok: false; errors: Partial<Record<ReminderField, string>> };

export class SellerRemindersForm {
	readonly draft: FormDraft<SellerRemindersValues>;
	errors = $state<Partial<Record<ReminderField, string>>>({});

	constructor(
		db: BillfoldDb,
		private readonly store: SellerStore
	) {
		this.draft = new FormDraft(db, {
			key: 'seller-profile:reminders',
			saved: async () => toValues(reminderSettingsOf(await store.current())),
			parse: (value) => sellerRemindersValuesSchema.safeParse(value).data
		});
	}

	async save(): Promise<RemindersSaveResult> {
		await this.draft.flushed();
		const parsed = parseReminderValues($state.snapshot(this.draft.value));
		if (!parsed.ok) {
			this.errors = parsed.errors;
			return parsed;
		}
		this.errors = {};
		await this.store.update((profile) => ({ ...profile, reminders: parsed.settings }));
		await this.draft.discard(false);
		return { ok: true };
	}
}

export function createSellerRemindersForm(): SellerRemindersForm {
	return new SellerRemindersForm(appDb(), sellerStore);
}
