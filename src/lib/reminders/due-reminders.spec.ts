import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '$lib/invoice';
import { nextReminder, remindersDue, type ReminderCandidate } from './due-reminders';
import { DEFAULT_REMINDER_SETTINGS } from './reminder-settings';

const schedule = DEFAULT_REMINDER_SETTINGS.schedule;
const invoice: ReminderCandidate = {
	id: 'a',
	type: 'invoice',
	status: 'sent',
	dueDate: '2025-03-01',
	balanceCents: 12_100,
	reminders: []
};

describe('remindersDue', () => {
	it('names the first reminder 3 days after the due date, with the amount and days overdue', () => {
		expect(remindersDue([invoice], schedule, '2025-03-03')).toEqual([]);
		expect(remindersDue([invoice], schedule, '2025-03-04')).toEqual([
			{ invoiceId: 'a', step: 1, dueOn: '2025-03-04', amountDueCents: 12_100, daysOverdue: 3 }
		]);
	});

	it('waits 14 days for the next step and stops after the last one', () => {
		const once = { ...invoice, reminders: [{ step: 1, on: '2025-03-04' }] };
		expect(remindersDue([once], schedule, '2025-03-17')).toEqual([]);
		expect(remindersDue([once], schedule, '2025-03-18')[0]?.step).toBe(2);
		const thrice = {
			...invoice,
			reminders: [
				{ step: 1, on: '2025-03-04' },
				{ step: 2, on: '2025-03-18' },
				{ step: 3, on: '2025-04-01' }
			]
		};
		expect(remindersDue([thrice], schedule, '2026-01-01')).toEqual([]);
	});

	it('pushes the next step back when a reminder went out late', () => {
		const late = { ...invoice, reminders: [{ step: 1, on: '2025-03-20' }] };
		expect(nextReminder(late, schedule)).toEqual({ step: 2, dueOn: '2025-04-03' });
	});

	it('skips paid, credited, draft, not yet due invoices and credit notes', () => {
		const today = '2025-06-01';
		expect(remindersDue([{ ...invoice, balanceCents: 0 }], schedule, today)).toEqual([]);
		expect(remindersDue([{ ...invoice, status: 'draft' }], schedule, today)).toEqual([]);
		expect(remindersDue([{ ...invoice, status: 'paid' }], schedule, today)).toEqual([]);
		expect(remindersDue([{ ...invoice, type: 'creditNote' }], schedule, today)).toEqual([]);
		expect(remindersDue([{ ...invoice, dueDate: '2025-06-01' }], schedule, today)).toEqual([]);
		expect(remindersDue([{ ...invoice, status: 'partlyPaid' }], schedule, today)).toHaveLength(1);
	});

	it('never reminds on or before the due date, nor twice for a step (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 30 }),
				fc.integer({ min: 1, max: 30 }),
				fc.integer({ min: 1, max: 5 }),
				fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 5 }),
				fc.integer({ min: -10, max: 400 }),
				(firstAfterDays, everyDays, maxReminders, gaps, todayOffset) => {
					let on = invoice.dueDate;
					const reminders = gaps.map((gap, index) => {
						on = addDays(on, gap + 1);
						return { step: index + 1, on };
					});
					const today = addDays(invoice.dueDate, todayOffset);
					const due = remindersDue(
						[{ ...invoice, reminders }],
						{ firstAfterDays, everyDays, maxReminders },
						today
					);
					for (const reminder of due) {
						expect(reminder.dueOn > invoice.dueDate).toBe(true);
						expect(today >= reminder.dueOn).toBe(true);
						expect(reminder.step).toBe(reminders.length + 1);
						expect(reminder.step).toBeLessThanOrEqual(maxReminders);
					}
				}
			)
		);
	});
});
