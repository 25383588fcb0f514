import { describe, expect, it } from 'vitest';
import { plainDecimal } from './purchase-amount';

describe('plainDecimal', () => {
	it.each([
		['100.00', '100.00'],
		['+5', '5'],
		['.5', '0.5'],
		['5.', '5'],
		['007.10', '7.10'],
		['-15.00', '-15.00'],
		['-0.00', '0.00'],
		['0', '0'],
		['123456789012345678901.123456789', '123456789012345678901.123456789']
	])('%s → %s (digits kept as stated)', (text, plain) => {
		expect(plainDecimal(text)).toBe(plain);
	});

	it.each(['', '1,50', '1e3', '.', '+', '1.2.3', ' 1', 'NaN', '--1', '١٢'])(
		'%j is not an xsd:decimal',
		(text) => {
			expect(plainDecimal(text)).toBeUndefined();
		}
	);
});
