import { addDays, type IsoDate } from '$lib/invoice/calendar-date';
import type { Cents } from '$lib/money';
import { daysOverdue } from './legal-rule';
import type { ReminderSchedule } from './reminder-settings';

/** An invoice as the reminder schedule needs it. */
export interface ReminderCandidate {
	id: string;
	type: 'invoice' | 'creditNote' | 'quote';
	/** Draft, queued and paid invoices are never reminded of. */
	status: string;
	dueDate: IsoDate | '';
	/** Still to be paid after payments and credit notes (settleInvoice), as the overview shows. */
	balanceCents: Cents;
	/** The reminders made so far, each with the day it went out (or was made, while queued). */
	reminders: readonly { step: number; on: IsoDate }[];
}

export interface DueReminder {
	invoiceId: string;
	/** Which reminder of the schedule this is: 1 for the first. */
	step: number;
	/** The day the schedule reached this step. */
	dueOn: IsoDate;
	amountDueCents: Cents;
	daysOverdue: number;
}

const REMINDABLE = new Set(['issued', 'sending', 'sent', 'failed', 'partlyPaid']);

/**
 * The next step of the schedule for one invoice and the day it falls due, or undefined when the
 * invoice is not owed anything, not overdue, not remindable or already had every reminder. Step
 * n falls `firstAfterDays + (n − 1) × everyDays` after the due date, and never sooner than
 * `everyDays` after the reminder before it (one sent late pushes the next one back).
 */
export function nextReminder(
	candidate: ReminderCandidate,
	schedule: ReminderSchedule
): { step: number; dueOn: IsoDate } | undefined {
	if (candidate.type !== 'invoice' || !REMINDABLE.has(candidate.status)) return undefined;
	if (candidate.dueDate === '' || candidate.balanceCents <= 0) return undefined;
	const step = candidate.reminders.reduce((last, reminder) => Math.max(last, reminder.step), 0) + 1;
	if (step > schedule.maxReminders) return undefined;
	const bySchedule = addDays(
		candidate.dueDate,
		schedule.firstAfterDays + (step - 1) * schedule.everyDays
	);
	const previous = candidate.reminders.reduce<IsoDate>(
		(latest, reminder) => (reminder.on > latest ? reminder.on : latest),
		''
	);
	const afterPrevious = previous === '' ? '' : addDays(previous, schedule.everyDays);
	const dueOn = afterPrevious > bySchedule ? afterPrevious : bySchedule;
	// Never on or before the due date itself, whatever the schedule says.
	const overdueFrom = addDays(candidate.dueDate, 1);
	return { step, dueOn: dueOn > overdueFrom ? dueOn : overdueFrom };
}

/** The invoices due a reminder today, with the amount still due and the days overdue. */
export function remindersDue(
	candidates: Iterable<ReminderCandidate>,
	schedule: ReminderSchedule,
	today: IsoDate
): DueReminder[] {
	const due: DueReminder[] = [];
	for (const candidate of candidates) {
		const next = nextReminder(candidate, schedule);
		if (!next || next.dueOn > today) continue;
		due.push({
			invoiceId: candidate.id,
			step: next.step,
			dueOn: next.dueOn,
			amountDueCents: candidate.balanceCents,
			daysOverdue: daysOverdue(candidate.dueDate as IsoDate, today)
		});
	}
	return due;
}
