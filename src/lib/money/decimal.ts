import Big from 'big.js';
import { MoneyError } from './cents';

/** Plain decimal notation as it travels in JSON: optional minus, digits, optional fraction. */
export const DECIMAL_PATTERN = /^-?\d{1,15}(\.\d{1,8})?$/;
export const UNSIGNED_DECIMAL_PATTERN = /^\d{1,15}(\.\d{1,8})?$/;

/** A quantity, unit price, percentage or rate written as a decimal string ("1.5", "0.125"). */
export type DecimalString = string;

export function parseDecimal(value: string, field = 'value'): Big {
	if (!DECIMAL_PATTERN.test(value)) {
		throw new MoneyError(
			field,
			'decimal/format',
			`${field} must be a plain decimal such as "12.5" (at most 15 digits before and 8 after the point), got "${value}"`
		);
	}
	return new Big(value);
}

/** Canonical form without trailing zeros ("1.50" → "1.5", "-0" → "0"). */
export function normalizeDecimal(value: string, field = 'value'): DecimalString {
	const parsed = parseDecimal(value, field);
	// toFixed(): toString() switches to exponent notation ("1e-8") below 1e-7.
	return parsed.eq(0) ? '0' : parsed.toFixed();
}
