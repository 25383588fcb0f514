import Big from 'big.js';
import { centsFromEuros, percentOfCents, type Cents } from '$lib/money';
import type { ItemLine } from './line';

export interface ItemLineAmounts {
	/** BT-129 × BT-146, rounded to cents. */
	grossCents: Cents;
	/** BT-136 line allowance: gross × discount % / 100, rounded to cents. */
	discountCents: Cents;
	/** BT-131 line net amount = gross − allowance (rounding point "line/net"). */
	netCents: Cents;
}

/** Amounts of one priced line, each rounded half away from zero at the point EN 16931 names. */
export function itemLineAmounts(line: ItemLine, field = 'line'): ItemLineAmounts {
	const grossCents = centsFromEuros(
		new Big(line.quantity).times(line.unitPrice),
		`${field}.quantity × ${field}.unitPrice`
	);
	const discountCents = line.discountPercent
		? percentOfCents(grossCents, line.discountPercent, `${field}.discountPercent`)
		: 0;
	return { grossCents, discountCents, netCents: grossCents - discountCents };
}
