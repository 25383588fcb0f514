import type { MoneyLocale } from './locale';

/**
 * The four money locales' notation written out, so formatting a decimal string needs no Intl.
 * The first Intl formatter of a fresh realm loads ICU's locale data: in a new PDF worker that was
 * tens of milliseconds of the first PDF (more on a busy machine), for a handful of amounts. The
 * output is exactly Intl's (format.spec.ts compares them over generated values); anything these
 * rules do not cover (another currency, rounding, an unusual string) is left to Intl.
 */
interface Notation {
	group: string;
	decimal: string;
	/** The number with its sign and euro symbol, as Intl's currency style places them. */
	euro(sign: string, number: string): string;
}

const NOTATIONS: Readonly<Record<MoneyLocale, Notation>> = {
	'nl-BE': { group: '.', decimal: ',', euro: (sign, number) => `€\u00a0${sign}${number}` },
	'fr-BE': { group: '\u202f', decimal: ',', euro: (sign, number) => `${sign}${number}\u00a0€` },
	en: { group: ',', decimal: '.', euro: (sign, number) => `${sign}€${number}` },
	de: { group: '.', decimal: ',', euro: (sign, number) => `${sign}${number}\u00a0€` }
};

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * `value` (a plain decimal string) with its fraction between `minimumFractionDigits` and
 * `maximumFractionDigits` digits and grouped thousands, as Intl.NumberFormat writes it in
 * `locale`, with the euro sign when `euro`; undefined when that would need rounding or the
 * string is not a plain decimal (then Intl formats it).
 */
export function plainFormat(
	value: string,
	locale: MoneyLocale,
	minimumFractionDigits: number,
	maximumFractionDigits: number,
	euro: boolean
): string | undefined {
	const notation = NOTATIONS[locale];
	const match = DECIMAL.exec(value);
	if (!notation || !match) return undefined;
	const [, sign = '', digits = '', given = ''] = match;
	let fraction = given;
	while (fraction.length > minimumFractionDigits && fraction.endsWith('0'))
		fraction = fraction.slice(0, -1);
	// Dropping a digit other than a trailing zero is rounding: Intl's job.
	if (fraction.length > maximumFractionDigits) return undefined;
	fraction = fraction.padEnd(minimumFractionDigits, '0');
	const whole = digits.replace(/^0+(?=\d)/, '');
	let grouped = '';
	for (let end = whole.length; end > 0; end -= 3) {
		const start = Math.max(0, end - 3);
		grouped =
			start > 0
				? `${notation.group}${whole.slice(start, end)}${grouped}`
				: `${whole.slice(start, end)}${grouped}`;
	}
	const number = fraction ? `${grouped}${notation.decimal}${fraction}` : grouped;
	return euro ? notation.euro(sign, number) : `${sign}${number}`;
}
