import { describe, expect, it } from 'vitest';
import { daysSalesOutstanding } from './days-sales-outstanding';

describe('daysSalesOutstanding', () => {
	it('is what is owed over what was invoiced in the last 90 days, in days', () => {
		expect(
			daysSalesOutstanding(
				[
					{ issueDate: '2026-03-05', salesCents: 100_000, balanceCents: 0 },
					{ issueDate: '2026-04-15', salesCents: 100_000, balanceCents: 50_000 },
					{ issueDate: '2026-05-20', salesCents: 100_000, balanceCents: 100_000 }
				],
				'2026-05-31'
			)
		).toBe(45);
	});

	it('counts old unpaid invoices as owed but not as sales of the period', () => {
		expect(
			daysSalesOutstanding(
				[
					{ issueDate: '2025-01-10', salesCents: 30_000, balanceCents: 30_000 },
					{ issueDate: '2026-05-01', salesCents: 90_000, balanceCents: 0 }
				],
				'2026-05-31'
			)
		).toBe(30);
	});

	it('says nothing when nothing was invoiced in the period', () => {
		expect(daysSalesOutstanding([], '2026-05-31')).toBeUndefined();
		expect(
			daysSalesOutstanding(
				[{ issueDate: '2025-01-10', salesCents: 30_000, balanceCents: 30_000 }],
				'2026-05-31'
			)
		).toBeUndefined();
	});
});
