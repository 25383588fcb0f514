import type { Language } from '$lib/language';
import Big from 'big.js';
import { centsFromEuros, centsToDecimalString, MoneyError, type Cents } from './cents';
import { localeOf, type MoneyLocale } from './locale';
import { plainFormat } from './plain-format';

type NumericString = `${number}`;

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: MoneyLocale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = `${locale}|${JSON.stringify(options)}`;
	let cached = formatters.get(key);
	if (!cached) {
		cached = new Intl.NumberFormat(locale, options);
		formatters.set(key, cached);
	}
	return cached;
}

/**
 * "€ 1.234,50" (nl-BE), "1 234,50 €" (fr-BE), "€1,234.50" (en), "1.234,50 €" (de).
 * The amount goes to Intl as a decimal string, so no float ever touches it.
 */
export function formatMoney(
	cents: Cents,
	languageOrLocale: Language | MoneyLocale,
	/** ISO 4217; a received invoice may be in another currency than ours. */
	currency = 'EUR'
): string {
	const value = centsToDecimalString(cents) as NumericString;
	const locale = localeOf(languageOrLocale);
	return (
		(currency === 'EUR' ? plainFormat(value, locale, 2, 2, true) : undefined) ??
		formatter(locale, { style: 'currency', currency }).format(value)
	);
}

/**
 * A price with as many decimals as it has (at least two), as money in the locale: "€ 85,50"
 * (nl-BE), "€85.50" (en), "€ 0,125". The decimal string goes to Intl as is, never as a float.
 */
export function formatPrice(
	price: string,
	languageOrLocale: Language | MoneyLocale,
	currency = 'EUR'
): string {
	const decimals = price.split('.')[1]?.length ?? 0;
	const locale = localeOf(languageOrLocale);
	const plain =
		currency === 'EUR' ? plainFormat(price, locale, 2, Math.max(2, decimals), true) : undefined;
	if (plain !== undefined) return plain;
	return formatter(locale, {
		style: 'currency',
		currency,
		minimumFractionDigits: 2,
		maximumFractionDigits: Math.max(2, decimals)
	}).format(price as NumericString);
}

/** A decimal (quantity, unit price, percentage) in the locale's notation, keeping every given digit. */
export function formatDecimal(
	value: string,
	languageOrLocale: Language | MoneyLocale,
	minimumFractionDigits = 0
): string {
	const decimals = value.split('.')[1]?.length ?? 0;
	const locale = localeOf(languageOrLocale);
	const maximumFractionDigits = Math.max(decimals, minimumFractionDigits);
	const fixed = new Big(value).toFixed(decimals) as NumericString;
	return (
		plainFormat(fixed, locale, minimumFractionDigits, maximumFractionDigits, false) ??
		formatter(locale, { minimumFractionDigits, maximumFractionDigits }).format(fixed)
	);
}

function separators(locale: MoneyLocale): { group: string; decimal: string } {
	const parts = formatter(locale, { useGrouping: true }).formatToParts(12345.6);
	return {
		group: parts.find((part) => part.type === 'group')?.value ?? ',',
		decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.'
	};
}

const SPACES = /[\s\u00a0\u202f]/g;

/**
 * Reads a decimal typed by a user in the given locale: "1.234,5" (nl-BE), "1 234,5" (fr-BE),
 * "1,234.5" (en). A lone "." or "," followed by one or two digits is taken as the decimal
 * point whatever the locale, because people type "12.50" in Dutch too.
 */
export function parseLocalizedDecimal(
	text: string,
	languageOrLocale: Language | MoneyLocale,
	field = 'amount'
): string {
	const { group, decimal } = separators(localeOf(languageOrLocale));
	let cleaned = text.replace(/€|EUR/gi, '').replace(SPACES, '');
	const other = decimal === ',' ? '.' : ',';
	const lonePoint = new RegExp(`^-?\\d+\\${other}\\d{1,2}$`);
	if (!cleaned.includes(decimal) && lonePoint.test(cleaned)) {
		cleaned = cleaned.replace(other, '.');
	} else {
		cleaned = cleaned.split(group.replace(SPACES, '') || '\u0000').join('');
		cleaned = cleaned.replace(decimal, '.');
	}
	if (cleaned.startsWith('+')) cleaned = cleaned.slice(1);
	if (!/^-?\d+(\.\d+)?$/.test(cleaned)) {
		throw new MoneyError(field, 'decimal/format', `${field}: "${text}" is not a number`);
	}
	return new Big(cleaned).toFixed();
}

/** Reads an amount typed by a user and rounds it to cents (half away from zero). */
export function parseMoney(
	text: string,
	languageOrLocale: Language | MoneyLocale,
	field = 'amount'
): Cents {
	return centsFromEuros(parseLocalizedDecimal(text, languageOrLocale, field), field);
}
