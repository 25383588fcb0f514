import { assertCents, type Cents } from '$lib/money/cents';

/** What settles an invoice: payments received and credit notes that correct it. */
export interface SettlementInput {
	/** The amount the invoice asks for, incl. VAT. */
	totalCents: Cents;
	paidCents: Cents;
	/** Sum of the (non-draft) credit notes referencing the invoice. */
	creditedCents: Cents;
}

/**
 * open: nothing paid yet (a partial credit may have lowered the balance); partlyPaid: paid in
 * part; paid: payments (with any credit) cover it; credited: credit notes cover it in full.
 */
export type SettlementStatus = 'open' | 'partlyPaid' | 'paid' | 'credited';

export interface Settlement {
	/** Still to be paid: total − payments − credit notes, never below zero. */
	balanceCents: Cents;
	status: SettlementStatus;
}

/** An invoice's balance and status: a credit note settles it just like a payment. */
export function settleInvoice({
	totalCents,
	paidCents,
	creditedCents
}: SettlementInput): Settlement {
	assertCents(totalCents, 'totalCents');
	assertCents(paidCents, 'paidCents');
	assertCents(creditedCents, 'creditedCents');
	const balanceCents = Math.max(totalCents - paidCents - creditedCents, 0);
	if (paidCents <= 0 && creditedCents <= 0) return { balanceCents, status: 'open' };
	if (creditedCents > 0 && creditedCents >= totalCents) return { balanceCents, status: 'credited' };
	if (balanceCents === 0) return { balanceCents, status: paidCents > 0 ? 'paid' : 'credited' };
	return { balanceCents, status: paidCents > 0 ? 'partlyPaid' : 'open' };
}

/** A credit note as far as settling needs it: which invoice it corrects and for how much. */
export interface CreditReference {
	/** The id of the invoice it corrects; "" when it corrects none. */
	correctsId: string;
	totalCents: Cents;
}

/** The credited amount per corrected invoice id, summed over every credit note given. */
export function creditedCentsByInvoice(notes: Iterable<CreditReference>): Map<string, Cents> {
	const credited = new Map<string, Cents>();
	for (const note of notes) {
		if (note.correctsId === '') continue;
		credited.set(note.correctsId, (credited.get(note.correctsId) ?? 0) + note.totalCents);
	}
	return credited;
}
