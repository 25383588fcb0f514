import { describe, expect, it } from 'vitest';
import { backupReminderDue, snoozeUntil } from './backup-reminder';

const now = '2026-03-20T10:00:00.000Z';

describe('the backup reminder', () => {
	it('waits until a change has gone 14 days without a backup', () => {
		const due = (oldestUnsavedChangeAt: string | undefined) =>
			backupReminderDue({ now, oldestUnsavedChangeAt, snoozedUntil: undefined });
		expect(due('2026-03-06T10:00:00.000Z')).toBe(true);
		expect(due('2026-03-06T10:00:01.000Z')).toBe(false);
		expect(due(undefined)).toBe(false);
	});

	it('stays away for a week after "later"', () => {
		const snoozedUntil = snoozeUntil('2026-03-15T10:00:00.000Z');
		const input = { oldestUnsavedChangeAt: '2026-01-01T00:00:00.000Z', snoozedUntil };
		expect(backupReminderDue({ ...input, now })).toBe(false);
		expect(backupReminderDue({ ...input, now: '2026-03-22T10:00:00.000Z' })).toBe(true);
	});
});
