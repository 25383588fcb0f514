import type { Payment } from '$lib/document';
import type { BankMovement } from './bank-statement';

/** The payment a matched movement records on its invoice, carrying the movement's id. */
export function paymentFromMovement(movement: BankMovement): Payment {
	return {
		date: movement.bookingDate,
		amountCents: movement.amountCents,
		bankMovementId: movement.id,
		...(movement.counterpartyAccount ? { counterpartyAccount: movement.counterpartyAccount } : {})
	};
}

/** Ids of the movements already recorded as payments: what a new import must skip. */
export function importedMovementIds(payments: Iterable<Payment>): Set<string> {
	const ids = new Set<string>();
	for (const payment of payments) if (payment.bankMovementId) ids.add(payment.bankMovementId);
	return ids;
}
