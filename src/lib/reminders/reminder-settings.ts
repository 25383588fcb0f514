import { z } from 'zod';
import { localizedTextSchema } from '$lib/language';

const days = (what: string, min: number) =>
	z
		.number({ error: `${what} must be a whole number of days` })
		.int(`${what} must be a whole number of days`)
		.min(min, `${what} must be at least ${min} day${min === 1 ? '' : 's'}`)
		.max(365, `${what} must be at most 365 days`);

/** When reminders go out: first N days after the due date, then every M days, at most K. */
export const reminderScheduleSchema = z.object({
	firstAfterDays: days('The first reminder', 0),
	everyDays: days('The time between reminders', 1),
	maxReminders: z
		.number({ error: 'The number of reminders must be a whole number' })
		.int('The number of reminders must be a whole number')
		.min(1, 'The number of reminders must be at least 1')
		.max(10, 'The number of reminders must be at most 10')
});
export type ReminderSchedule = z.infer<typeof reminderScheduleSchema>;

/**
 * Charges the seller chose to state. Each is off until chosen: the law allows them (within caps),
 * it never obliges them, and for a consumer only what the contract provides may be claimed.
 */
export const reminderChargesSchema = z.object({
	/** Business buyer: statutory late-payment interest (Law of 2 August 2002, art. 5). */
	businessInterest: z.boolean(),
	/** Business buyer: the €40 flat compensation for recovery costs (same law, art. 6). */
	businessFlatCompensation: z.boolean(),
	/** Consumer: interest from 14 days after the first reminder, capped (WER art. XIX.4). */
	consumerInterest: z.boolean(),
	/** Consumer: the flat damages the contract provides, capped by WER art. XIX.4. */
	consumerDamages: z.boolean()
});
export type ReminderCharges = z.infer<typeof reminderChargesSchema>;

export const reminderTemplateSchema = z.object({
	subject: localizedTextSchema,
	body: localizedTextSchema
});

export const reminderSettingsSchema = z.object({
	schedule: reminderScheduleSchema,
	charges: reminderChargesSchema,
	/** The seller's own text; absent means the built-in text. */
	template: reminderTemplateSchema.optional()
});
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
	schedule: { firstAfterDays: 3, everyDays: 14, maxReminders: 3 },
	charges: {
		businessInterest: false,
		businessFlatCompensation: false,
		consumerInterest: false,
		consumerDamages: false
	}
};
