import type { LocalizedText } from '$lib/language';

// How a cash discount is stated on the invoice, apart from the terms' schema (cash-discount.ts):
// the totals (and so the PDF worker) need these, and must not load zod for them.

/** BT-120 of the exempt subtotal that carries the compensating charge (BEG scenario 3). */
export const CASH_DISCOUNT_EXEMPTION_REASON: LocalizedText = {
	nl: 'Korting voor contante betaling (art. 28, 1° WBTW)',
	fr: 'Escompte pour paiement comptant (art. 28, 1° CTVA)',
	en: 'Cash discount (art. 28, 1° Belgian VAT Code)',
	de: 'Skonto (Art. 28 Nr. 1 belg. MwStGB)'
};

/** BT-97 / BT-104 text of the allowances and the charge. */
export const CASH_DISCOUNT_REASON = 'Conditional cash/payment discount';
/** BT-98: UNCL5189 "special agreement", as the Belgian Business Expert Group uses. */
export const CASH_DISCOUNT_ALLOWANCE_REASON_CODE = '64';
/** BT-105: UNCL7161 "mutually defined". */
export const CASH_DISCOUNT_CHARGE_REASON_CODE = 'ZZZ';
