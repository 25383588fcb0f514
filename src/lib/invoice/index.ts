export {
	addDays,
	compareDates,
	daysBetween,
	endOfMonth,
	isIsoDate,
	yearOf,
	type IsoDate
} from './calendar-date';
export { isoDateSchema } from './iso-date-schema';
export { cashDiscountTermsSchema, type CashDiscountTerms } from './cash-discount';
export {
	CASH_DISCOUNT_ALLOWANCE_REASON_CODE,
	CASH_DISCOUNT_CHARGE_REASON_CODE,
	CASH_DISCOUNT_EXEMPTION_REASON,
	CASH_DISCOUNT_REASON
} from './cash-discount-reason';
export { cashDiscountSentence } from './cash-discount-sentence';
export {
	invoiceLineSchema,
	itemLineSchema,
	percentSchema,
	textLineSchema,
	unitCodeSchema,
	type InvoiceLine,
	type ItemLine,
	type TextLine
} from './line';
export { isItemLine } from './is-item-line';
export { itemLineAmounts, type ItemLineAmounts } from './line-amounts';
export {
	computeTotals,
	TotalsError,
	type CashDiscountTotals,
	type DocumentAllowanceCharge,
	type LineTotals,
	type Totals,
	type TotalsInput,
	type VatBreakdown
} from './totals';
