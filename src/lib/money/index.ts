export {
	assertCents,
	centsFromEuros,
	centsToDecimalString,
	eurosFromCents,
	MoneyError,
	percentOfCents,
	ROUND_HALF_AWAY_FROM_ZERO,
	sumCents,
	type Cents
} from './cents';
export {
	DECIMAL_PATTERN,
	normalizeDecimal,
	parseDecimal,
	UNSIGNED_DECIMAL_PATTERN,
	type DecimalString
} from './decimal';
export {
	formatDecimal,
	formatMoney,
	formatPrice,
	parseLocalizedDecimal,
	parseMoney
} from './format';
export { localeOf, LOCALE_OF_LANGUAGE, type MoneyLocale } from './locale';
