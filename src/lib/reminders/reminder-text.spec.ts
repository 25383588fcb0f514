import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '$lib/language';
import {
	DEFAULT_REMINDER_TEMPLATE,
	fillReminderTemplate,
	REMINDER_PLACEHOLDERS,
	RULE_TEXT,
	type ReminderValues
} from './reminder-text';

const values: ReminderValues = {
	customer: 'Jan Peeters',
	seller: 'Atelier Noord',
	number: '2025-0007',
	issueDate: '2025-02-01',
	dueDate: '2025-03-01',
	amountDueCents: 12_100,
	daysOverdue: 3,
	paymentReference: '123456789002',
	charges: { rule: 'consumer', interestCents: 0, flatCents: 0 }
};

describe('fillReminderTemplate', () => {
	it('fills every placeholder of the built-in text in each language', () => {
		for (const language of LANGUAGES) {
			const text = fillReminderTemplate(DEFAULT_REMINDER_TEMPLATE, values, language);
			expect(text.subject).toContain('2025-0007');
			expect(text.body).toContain('+++123/4567/89002+++');
			expect(text.body).toContain('121');
			expect(text.body).not.toMatch(/\{\w+\}/);
		}
	});

	it('lists the stated charges and the total with them', () => {
		const text = fillReminderTemplate(
			DEFAULT_REMINDER_TEMPLATE,
			{ ...values, charges: { rule: 'business', interestCents: 945, flatCents: 4_000 } },
			'en'
		);
		expect(text.body).toContain('Late-payment interest: €9.45');
		expect(text.body).toContain('Flat compensation for recovery costs: €40.00');
		expect(text.body).toContain('Total with charges: €170.45');
	});

	it('keeps an unknown placeholder so the seller sees the typo', () => {
		const template = {
			subject: { ...DEFAULT_REMINDER_TEMPLATE.subject, en: 'Re {numbr}' },
			body: DEFAULT_REMINDER_TEMPLATE.body
		};
		expect(fillReminderTemplate(template, values, 'en').subject).toBe('Re {numbr}');
	});

	it('names the law in every language', () => {
		for (const language of LANGUAGES) {
			expect(RULE_TEXT.consumer[language]).toMatch(/XIX/);
			expect(RULE_TEXT.business[language]).toMatch(/2002/);
		}
		expect(REMINDER_PLACEHOLDERS).toContain('amountDue');
	});
});
