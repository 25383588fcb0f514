import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_TEMPLATE } from '$lib/reminders';
import { parseReminderValues, type SellerRemindersValues } from './seller-reminders.svelte';

const values: SellerRemindersValues = {
	firstAfterDays: '3',
	everyDays: '14',
	maxReminders: '3',
	businessInterest: true,
	businessFlatCompensation: false,
	consumerInterest: false,
	consumerDamages: false,
	subject: { ...DEFAULT_REMINDER_TEMPLATE.subject },
	body: { ...DEFAULT_REMINDER_TEMPLATE.body }
};

describe('parseReminderValues', () => {
	it('turns the form into settings', () => {
		const parsed = parseReminderValues(values);
		expect(parsed.ok && parsed.settings.schedule).toEqual({
			firstAfterDays: 3,
			everyDays: 14,
			maxReminders: 3
		});
		expect(parsed.ok && parsed.settings.charges.businessInterest).toBe(true);
	});

	it('names the field and the rule it breaks', () => {
		const parsed = parseReminderValues({
			...values,
			firstAfterDays: '3x',
			everyDays: '0',
			maxReminders: '11',
			subject: { ...values.subject, de: ' ' }
		});
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors).toEqual({
			firstAfterDays: 'The first reminder must be a whole number of days',
			everyDays: 'The time between reminders must be at least 1 day',
			maxReminders: 'The number of reminders must be at most 10',
			'subject.de': 'required'
		});
	});
});
