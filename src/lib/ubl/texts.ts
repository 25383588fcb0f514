import { formatDecimal, formatMoney, type Cents, type Language } from '$lib/money';
import type { CashDiscountTotals, IsoDate } from '$lib/invoice';

type Localized = Readonly<Record<Language, string>>;

/** BT-123 of the embedded PDF: it is the visual rendering of this very document. */
export const VISUAL_DESCRIPTION: Readonly<Record<'invoice' | 'creditNote', Localized>> = {
	invoice: { nl: 'Factuur', fr: 'Facture', en: 'Invoice', de: 'Rechnung' },
	creditNote: { nl: 'Creditnota', fr: 'Note de crédit', en: 'Credit note', de: 'Gutschrift' }
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
	const [year, month, day] = date.split('-');
	if (language === 'en') return date;
	return language === 'de' ? `${day}.${month}.${year}` : `${day}/${month}/${year}`;
}

/**
 * The BT-20 sentence a Belgian buyer needs to take the cash discount: percentage, period,
 * deadline, discount and both payable amounts (domain-belgium.md §3.1; no wording is prescribed).
 */
export function cashDiscountSentence(
	discount: CashDiscountTotals,
	payableCents: Cents,
	language: Language
): string {
	const percent = formatDecimal(discount.percent, language);
	const amount = formatMoney(discount.discountCents, language);
	const inTime = formatMoney(discount.amountIfPaidInTimeCents, language);
	const full = formatMoney(payableCents, language);
	const by = discount.deadline ? formatDate(discount.deadline, language) : undefined;
	switch (language) {
		case 'nl':
			return `Bij betaling binnen ${discount.days} dagen${by ? ` (uiterlijk ${by})` : ''} geldt ${percent}% korting voor contante betaling (${amount}) en is het te betalen bedrag ${inTime}. Anders is ${full} verschuldigd.`;
		case 'fr':
			return `En cas de paiement dans les ${discount.days} jours${by ? ` (au plus tard le ${by})` : ''}, un escompte de ${percent} % (${amount}) s'applique et le montant à payer est de ${inTime}. À défaut, ${full} est dû.`;
		case 'de':
			return `Bei Zahlung innerhalb von ${discount.days} Tagen${by ? ` (bis ${by})` : ''} gilt ${percent} % Skonto (${amount}) und der zu zahlende Betrag ist ${inTime}. Andernfalls sind ${full} fällig.`;
		case 'en':
			return `If paid within ${discount.days} days${by ? ` (by ${by})` : ''}, a ${percent}% cash discount (${amount}) applies and the amount payable is ${inTime}. Otherwise ${full} is due.`;
	}
}
