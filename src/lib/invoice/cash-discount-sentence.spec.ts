import { describe, expect, it } from 'vitest';
import { defaultVatCodes, DEFAULT_VAT_CODE_IDS as ID } from '$lib/vat';
import { cashDiscountSentence } from './cash-discount-sentence';
import { computeTotals } from './totals';

// The worked example of domain-belgium.md: €100 at 21 % with 2 % for payment within 14 days.
const totals = computeTotals({
	lines: [
		{
			type: 'item',
			description: 'Advies',
			quantity: '1',
			unitCode: 'C62',
			unitPrice: '100',
			vatCodeId: ID.standard21
		}
	],
	vatCodes: defaultVatCodes,
	cashDiscount: { percent: '2', days: 14 },
	issueDate: '2026-11-25'
});
const discount = totals.cashDiscount;

describe('cash discount sentence', () => {
	it('states period, deadline, discount and both amounts in the invoice language', () => {
		if (!discount) throw new Error('no cash discount in the totals');
		const isoDate = (date: string) => date;
		// Amounts are formatted with no-break spaces; compare them as plain spaces.
		const plain = (language: 'nl' | 'fr') =>
			cashDiscountSentence(discount, totals.payableCents, language, isoDate).replace(/\s/g, ' ');
		expect(plain('nl')).toBe(
			'Bij betaling binnen 14 dagen (uiterlijk 2026-12-09) geldt 2% korting voor contante betaling (€ 2,00) en is het te betalen bedrag € 118,58. Anders is € 120,58 verschuldigd.'
		);
		expect(plain('fr')).toContain('un escompte de 2 % (2,00 €)');
	});

	it('leaves the date format to the caller (PDF and UBL write it differently)', () => {
		if (!discount) throw new Error('no cash discount in the totals');
		const sentence = cashDiscountSentence(discount, totals.payableCents, 'en', () => 'DATE');
		expect(sentence).toContain('within 14 days (by DATE)');
	});
});
