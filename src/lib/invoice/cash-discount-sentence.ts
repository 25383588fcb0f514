import type { Language } from '$lib/language';
import { formatDecimal, formatMoney, type Cents } from '$lib/money';
import type { IsoDate } from './calendar-date';
import type { CashDiscountTotals } from './totals';

/**
 * The sentence a Belgian buyer needs to take the cash discount: percentage, period, deadline,
 * discount and both payable amounts (domain-belgium.md §3.1; no wording is prescribed). The PDF
 * prints it and the UBL carries it in BT-20, so both say the same; each formats the date its way.
 */
export function cashDiscountSentence(
	discount: CashDiscountTotals,
	payableCents: Cents,
	language: Language,
	formatDate: (date: IsoDate, language: Language) => string
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
