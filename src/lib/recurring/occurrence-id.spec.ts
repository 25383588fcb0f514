import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { occurrenceInvoiceId } from './occurrence-id';

describe('occurrence invoice id', () => {
	it('is a UUID that is the same for the same template and date on every device', () => {
		const id = occurrenceInvoiceId('0192a0b4-0000-7000-8000-000000000001', '2027-03-01');
		expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(occurrenceInvoiceId('0192a0b4-0000-7000-8000-000000000001', '2027-03-01')).toBe(id);
	});

	it('differs for another occurrence or another template', () => {
		fc.assert(
			fc.property(fc.uuid(), fc.uuid(), fc.integer({ min: 1, max: 28 }), (a, b, day) => {
				const date = `2027-01-${String(day).padStart(2, '0')}`;
				expect(occurrenceInvoiceId(a, date)).not.toBe(occurrenceInvoiceId(a, '2027-02-01'));
				if (a !== b) expect(occurrenceInvoiceId(a, date)).not.toBe(occurrenceInvoiceId(b, date));
			})
		);
	});
});
