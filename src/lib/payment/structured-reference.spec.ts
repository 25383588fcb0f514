import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	createStructuredReference,
	formatStructuredReference,
	isValidStructuredReference
} from './structured-reference';

describe('structured communication (OGM/VCS)', () => {
	it('matches the published examples', () => {
		expect(createStructuredReference('1234567890')).toBe('123456789002');
		expect(formatStructuredReference('123456789002')).toBe('+++123/4567/89002+++');
		expect(createStructuredReference('0108068171')).toBe('010806817183');
		expect(formatStructuredReference(createStructuredReference('0108068171'))).toBe(
			'+++010/8068/17183+++'
		);
	});

	it('uses 97 when the base is a multiple of 97', () => {
		expect(createStructuredReference(97)).toBe('000000009797');
		expect(createStructuredReference(0)).toBe('000000000097');
		expect(isValidStructuredReference('000000009700')).toBe(false);
	});

	it('validates both the digits and the printed form', () => {
		expect(isValidStructuredReference('+++123/4567/89002+++')).toBe(true);
		expect(isValidStructuredReference('***123/4567/89002***')).toBe(true);
		expect(isValidStructuredReference('123456789002')).toBe(true);
		expect(isValidStructuredReference('+++123/4567/89003+++')).toBe(false);
		expect(isValidStructuredReference('+++1234/567/89002+++')).toBe(false);
		expect(isValidStructuredReference('12345678900')).toBe(false);
	});

	it('refuses a base that does not fit', () => {
		expect(() => createStructuredReference('12345678901')).toThrow(/1 to 10 digits/);
		expect(() => createStructuredReference('12a')).toThrow(/paymentReference/);
	});

	it('validates every reference it creates and no single-digit corruption of it', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 9_999_999_999 }),
				fc.nat(11),
				fc.integer({ min: 1, max: 9 }),
				(base, position, delta) => {
					const reference = createStructuredReference(base);
					expect(isValidStructuredReference(reference)).toBe(true);
					const digits = [...reference];
					digits[position] = String((Number(digits[position]) + delta) % 10);
					expect(isValidStructuredReference(digits.join(''))).toBe(false);
				}
			),
			{ numRuns: 300 }
		);
	});
});
