import type { DecimalString } from '$lib/money';
import { PurchaseReadError, at, type XmlElement } from './purchase-xml';

/** xsd:decimal, the type of every UBL amount, quantity and percentage: "+1.5", ".5", "5." are valid. */
const XSD_DECIMAL = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))$/;

/**
 * The decimal as written, in plain form: the sign "+" dropped, "0" put before a bare point, a bare
 * trailing point and leading zeros removed, and the fraction kept digit for digit ("100.00" stays),
 * so the amount is exactly the sender's. Undefined when the text is not an xsd:decimal.
 */
export function plainDecimal(text: string): DecimalString | undefined {
	const match = XSD_DECIMAL.exec(text);
	if (!match) return undefined;
	const whole = (match[2] ?? '0').replace(/^0+(?=\d)/, '');
	const fraction = match[3] ?? match[4] ?? '';
	const digits = fraction === '' ? whole : `${whole}.${fraction}`;
	const zero = /^[0.]*$/.test(digits);
	return match[1] === '-' && !zero ? `-${digits}` : digits;
}

/** What a decimal business term is, for the message that names it. */
export interface Term {
	/** EN 16931 business term, e.g. "BT-115 amount due for payment". */
	term: string;
	/** The rule that requires it, e.g. "BR-15". */
	rule?: string;
}

function notDecimal(element: XmlElement, path: string, term: Term): never {
	throw new PurchaseReadError({
		code: 'malformed',
		message: `${path} (${term.term}) at line ${element.line} is "${element.text}", which is not a decimal number (xsd:decimal, e.g. "1234.56"); the amount cannot be shown exactly.`,
		where: `line ${element.line}`
	});
}

/** An optional decimal term: absent stays undefined, present must be a decimal. */
export function optionalDecimal(
	parent: XmlElement | undefined,
	path: string[],
	term: Term
): DecimalString | undefined {
	const element = at(parent, ...path);
	if (element === undefined || element.text === '') return undefined;
	return plainDecimal(element.text) ?? notDecimal(element, path.join('/'), term);
}

/** A decimal the document cannot be shown without (a total, a line amount, a quantity). */
export function requiredDecimal(
	parent: XmlElement,
	path: string[],
	term: Term,
	where: string
): DecimalString {
	const value = optionalDecimal(parent, path, term);
	if (value !== undefined) return value;
	throw new PurchaseReadError({
		code: 'malformed',
		message: `${where}${path.join('/')} (${term.term}) is missing${term.rule ? `; Peppol BIS rule ${term.rule} requires it` : ''}, so the document cannot be shown with its amounts. The original stays downloadable.`,
		where: `line ${parent.line}`
	});
}
