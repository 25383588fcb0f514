import type { Language } from '$lib/language';
import { formatNumericDate } from '$lib/dates';
import { localeOf } from '$lib/money';
import type { IsoDate } from '$lib/invoice';

type Localized = Readonly<Record<Language, string>>;

/** BT-123 of the embedded PDF: it is the visual rendering of this very document. */
export const VISUAL_DESCRIPTION: Readonly<Record<'invoice' | 'creditNote', Localized>> = {
	invoice: { nl: 'Factuur', fr: 'Facture', en: 'Invoice', de: 'Rechnung' },
	creditNote: { nl: 'Creditnota', fr: 'Note de crédit', en: 'Credit note', de: 'Gutschrift' }
};

/**
 * BT-123 of the quote an invoice was made from: the word a buyer's system shows beside the quote
 * number (BT-122), so the reference reads "Offerte Q-2026-0001".
 */
export const QUOTE_DESCRIPTION: Localized = {
	nl: 'Offerte',
	fr: 'Devis',
	en: 'Quote',
	de: 'Angebot'
};

/** BT-139 of a line's percentage discount. */
export const LINE_DISCOUNT_REASON: Localized = {
	nl: 'Korting',
	fr: 'Remise',
	en: 'Discount',
	de: 'Rabatt'
};

/** "31/05/2026" (nl, fr), "31.05.2026" (de), "2026-05-31" (en). */
export function formatDate(date: IsoDate, language: Language): string {
	return language === 'en' ? date : formatNumericDate(date, localeOf(language));
}
