import Big from 'big.js';

/** An amount of euro cents. Always a safe integer; never a binary fraction of a euro. */
export type Cents = number;

/** EN 16931 rounds amounts half away from zero (1.005 → 1.01, −1.005 → −1.01). */
export const ROUND_HALF_AWAY_FROM_ZERO = Big.roundHalfUp;

export class MoneyError extends Error {
	constructor(
		readonly field: string,
		readonly rule: string,
		message: string
	) {
		super(message);
		this.name = 'MoneyError';
	}
}

/** Guards that a number is a whole number of cents that JavaScript can still add exactly. */
export function assertCents(value: number, field = 'amount'): Cents {
	if (!Number.isSafeInteger(value)) {
		throw new MoneyError(
			field,
			'cents/safe-integer',
			`${field} must be a whole number of cents within ±${Number.MAX_SAFE_INTEGER}, got ${value}`
		);
	}
	return value;
}

export function sumCents(values: readonly Cents[], field = 'sum'): Cents {
	let total = 0;
	for (const value of values) total = assertCents(total + assertCents(value, field), field);
	return total;
}

/** Rounds a decimal euro amount to cents, half away from zero. */
export function centsFromEuros(euros: Big | string, field = 'amount'): Cents {
	const rounded = new Big(euros).round(2, ROUND_HALF_AWAY_FROM_ZERO);
	const cents = rounded.times(100);
	return assertCents(Number(cents.toFixed(0)), field);
}

/** Exact euro amount of a number of cents, as a big.js decimal. */
export function eurosFromCents(cents: Cents): Big {
	return new Big(assertCents(cents)).div(100);
}

/** "1234.50": the plain decimal form UBL, EPC QR and JSON use. */
export function centsToDecimalString(cents: Cents): string {
	return eurosFromCents(cents).toFixed(2);
}

/** Applies a percentage to an amount of cents and rounds the result to cents. */
export function percentOfCents(cents: Cents, percent: Big | string, field = 'amount'): Cents {
	return centsFromEuros(eurosFromCents(cents).times(percent).div(100), field);
}
