import type { IsoDate } from '$lib/invoice';

/**
 * A numbering pattern such as "{YYYY}-{SEQ:4}" or "F{YY}/{SEQ:3}". Tokens: {YYYY}, {YY}, {MM} and
 * exactly one {SEQ:n} (sequence left-padded to n digits; longer numbers are not cut).
 */
export type NumberPattern = string;

export class NumberingError extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(`${field}: ${message}`);
		this.name = 'NumberingError';
	}
}

type Token =
	| { kind: 'literal'; text: string }
	| { kind: 'YYYY' | 'YY' | 'MM' }
	| { kind: 'SEQ'; width: number };

const TOKEN = /\{([^}]*)\}/g;

export function parsePattern(pattern: NumberPattern): Token[] {
	const tokens: Token[] = [];
	let last = 0;
	let sequences = 0;
	for (const match of pattern.matchAll(TOKEN)) {
		if (match.index > last)
			tokens.push({ kind: 'literal', text: pattern.slice(last, match.index) });
		const name = match[1] ?? '';
		const sequence = /^SEQ(?::(\d{1,2}))?$/i.exec(name);
		if (sequence) {
			const width = Number(sequence[1] ?? '1');
			if (width < 1 || width > 10)
				throw new NumberingError('pattern', `{SEQ:n} needs n between 1 and 10, got ${width}`);
			tokens.push({ kind: 'SEQ', width });
			sequences += 1;
		} else if (name === 'YYYY' || name === 'YY' || name === 'MM') {
			tokens.push({ kind: name });
		} else {
			throw new NumberingError(
				'pattern',
				`unknown token {${name}}; use {YYYY}, {YY}, {MM} or {SEQ:n}`
			);
		}
		last = match.index + match[0].length;
	}
	if (last < pattern.length) tokens.push({ kind: 'literal', text: pattern.slice(last) });
	if (sequences !== 1)
		throw new NumberingError('pattern', 'must contain exactly one {SEQ:n} token');
	if (/[{}]/.test(tokens.map((token) => (token.kind === 'literal' ? token.text : '')).join(''))) {
		throw new NumberingError('pattern', 'has an unmatched brace');
	}
	return tokens;
}

/** True when the counter restarts every year, i.e. the pattern shows the year. */
export function restartsYearly(pattern: NumberPattern): boolean {
	return parsePattern(pattern).some((token) => token.kind === 'YYYY' || token.kind === 'YY');
}

function dateParts(issueDate: IsoDate): { year: string; month: string } {
	const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(issueDate);
	if (!match?.[1] || !match[2])
		throw new NumberingError('issueDate', `"${issueDate}" is not yyyy-mm-dd`);
	return { year: match[1], month: match[2] };
}

export function formatInvoiceNumber(
	pattern: NumberPattern,
	sequence: number,
	issueDate: IsoDate
): string {
	if (!Number.isSafeInteger(sequence) || sequence < 1) {
		throw new NumberingError('sequence', `must be a whole number from 1, got ${sequence}`);
	}
	const { year, month } = dateParts(issueDate);
	return parsePattern(pattern)
		.map((token) => {
			switch (token.kind) {
				case 'literal':
					return token.text;
				case 'YYYY':
					return year;
				case 'YY':
					return year.slice(2);
				case 'MM':
					return month;
				case 'SEQ':
					return String(sequence).padStart(token.width, '0');
			}
		})
		.join('');
}

export interface ParsedNumber {
	sequence: number;
	/** Two or four digits as written, when the pattern shows the year. */
	year?: string | undefined;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Reads the sequence (and year) back out of a number made with the pattern; undefined if it does not fit. */
export function parseInvoiceNumber(
	pattern: NumberPattern,
	number: string
): ParsedNumber | undefined {
	const tokens = parsePattern(pattern);
	const source = tokens
		.map((token) => {
			switch (token.kind) {
				case 'literal':
					return escape(token.text);
				case 'YYYY':
					return '(?<year>\\d{4})';
				case 'YY':
					return '(?<year>\\d{2})';
				case 'MM':
					return '(?:0[1-9]|1[0-2])';
				case 'SEQ':
					return `(?<sequence>\\d{${token.width},})`;
			}
		})
		.join('');
	const match = new RegExp(`^${source}$`).exec(number);
	const sequence = match?.groups?.sequence;
	if (!sequence) return undefined;
	return { sequence: Number(sequence), year: match.groups?.year };
}
