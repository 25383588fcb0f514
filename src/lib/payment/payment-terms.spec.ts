import { describe, expect, it } from 'vitest';
import { dueDateFor } from './payment-terms';

describe('dueDateFor', () => {
	it('counts days from the issue date', () => {
		expect(dueDateFor('2026-05-17', { kind: 'days', days: 30 })).toBe('2026-06-16');
		expect(dueDateFor('2026-12-20', { kind: 'days', days: 14 })).toBe('2027-01-03');
	});

	it('counts days from the end of the issue month', () => {
		expect(dueDateFor('2026-01-31', { kind: 'endOfMonth', days: 0 })).toBe('2026-01-31');
		expect(dueDateFor('2026-02-03', { kind: 'endOfMonth', days: 30 })).toBe('2026-03-30');
		expect(dueDateFor('2028-02-10', { kind: 'endOfMonth', days: 1 })).toBe('2028-03-01');
	});

	it('is the issue date itself on receipt', () => {
		expect(dueDateFor('2026-05-17', { kind: 'onReceipt' })).toBe('2026-05-17');
	});
});
