// Invoices whose sums an IEEE double gets wrong: amounts past 2^53 cents (a double's step there
// is 1/64) and 0.1-style prices, on the BR-CO-* sum rules and Peppol's line-amount rule R120
// (u:slack). The official rules compare xs:decimal exactly; each trap records what doubles make
// of its sum next to the exact value, so the spec can hold the trap to being one.
import Big from 'big.js';
import { parseXmlDocument, serializeToWellFormedString, type Element } from 'slimdom';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BASES } from './rule-mutation-bases';

const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

interface Line {
	quantity: string;
	price: string;
	amount: string;
}

/** The Belgian base invoice (21 %) with these lines and the totals they give, exactly. */
function invoice(
	lines: readonly Line[],
	{ prepaid, payable }: { prepaid?: string; payable?: string } = {}
): string {
	const doc = parseXmlDocument(readFileSync(resolve(BASES.invoice), 'utf8'));
	const root = doc.documentElement as Element;
	const only = (parent: Element, local: string): Element => {
		const found = Array.from(parent.children).find((c) => c.localName === local);
		if (!found) throw new Error(`decimal-traps: no ${local} in the base invoice`);
		return found;
	};
	const [template] = Array.from(root.children).filter((c) => c.localName === 'InvoiceLine');
	if (!template) throw new Error('decimal-traps: the base invoice has no line');
	for (const [i, line] of lines.entries()) {
		const element = template.cloneNode(true) as Element;
		only(element, 'ID').textContent = String(i + 1);
		only(element, 'InvoicedQuantity').textContent = line.quantity;
		only(element, 'LineExtensionAmount').textContent = line.amount;
		only(only(element, 'Price'), 'PriceAmount').textContent = line.price;
		root.appendChild(element);
	}
	root.removeChild(template);
	const net = lines.reduce((sum, l) => sum.plus(l.amount), new Big(0));
	const tax = net.times('0.21').round(2);
	const gross = net.plus(tax);
	const taxTotal = only(root, 'TaxTotal');
	only(taxTotal, 'TaxAmount').textContent = tax.toFixed(2);
	const subtotal = only(taxTotal, 'TaxSubtotal');
	only(subtotal, 'TaxableAmount').textContent = net.toFixed(2);
	only(subtotal, 'TaxAmount').textContent = tax.toFixed(2);
	const totals = only(root, 'LegalMonetaryTotal');
	only(totals, 'LineExtensionAmount').textContent = net.toFixed(2);
	only(totals, 'TaxExclusiveAmount').textContent = net.toFixed(2);
	only(totals, 'TaxInclusiveAmount').textContent = gross.toFixed(2);
	const due = only(totals, 'PayableAmount');
	if (prepaid !== undefined) {
		const element = doc.createElementNS(CBC, 'cbc:PrepaidAmount');
		element.setAttribute('currencyID', 'EUR');
		element.textContent = prepaid;
		totals.insertBefore(element, due);
	}
	due.textContent = payable ?? gross.minus(prepaid ?? '0').toFixed(2);
	return serializeToWellFormedString(doc);
}

export interface DecimalTrap {
	name: string;
	xml: string;
	/** the rules the trap is about */
	rules: readonly string[];
	/** whether they fire (judged exactly) */
	fires: boolean;
	/** for a trap that must not fire: the sum the rule checks, as doubles compute it and exactly */
	sums?: { double: string; exact: string };
	/**
	 * Where the plain engine judges the trap wrong, and so the two engines differ: the rules it
	 * reports that exact decimals do not (`extra`) and those it misses (`missing`). Its
	 * exact-decimal rewrite (exact-decimal.ts) holds a decimal as the nearest double, exact up to
	 * 15 significant digits; the amounts past 2^53 cents here have 16. The fast engine computes
	 * with big.js throughout and is right.
	 */
	reference?: { extra: readonly string[]; missing: readonly string[] };
}

const BIG = '90071992547409.93'; // above 2^53 cents: a double's nearest value is ...409.9375
const roundedDouble = (x: number) => (Math.round(x * 10 * 10) / 100).toFixed(2);
const gross = new Big(BIG).times('1.21').round(2);

export const DECIMAL_TRAPS: readonly DecimalTrap[] = [
	{
		name: 'R120: 3 × 0.70 with a line amount of 2.12, exactly 0.02 above: no finding',
		xml: invoice([{ quantity: '3', price: '0.70', amount: '2.12' }]),
		rules: ['PEPPOL-EN16931-R120'],
		fires: false,
		// u:slack: 3 * 0.7 + 0.02 >= 2.12 is false in doubles (2.1199999999999997)
		sums: {
			double: String(3 * 0.7 + 0.02),
			exact: new Big(3).times('0.70').plus('0.02').toString()
		}
	},
	{
		name: 'R120: 3 × 0.70 with a line amount of 2.13, 0.03 above: the finding',
		xml: invoice([{ quantity: '3', price: '0.70', amount: '2.13' }]),
		rules: ['PEPPOL-EN16931-R120'],
		fires: true
	},
	{
		name: `BR-CO-10, -13, -15: lines ${BIG} + 0.01 and the totals they give: no finding`,
		xml: invoice([
			{ quantity: '1', price: BIG, amount: BIG },
			{ quantity: '1', price: '0.01', amount: '0.01' }
		]),
		rules: ['BR-CO-10', 'BR-CO-13', 'BR-CO-14', 'BR-CO-15', 'BR-CO-16', 'BR-CO-17', 'BR-S-08'],
		fires: false,
		sums: {
			double: roundedDouble(Number(BIG) + 0.01),
			exact: new Big(BIG).plus('0.01').toFixed(2)
		},
		reference: { extra: ['BR-CO-10', 'BR-CO-15'], missing: [] }
	},
	{
		name: `BR-CO-10: lines ${BIG} + 0.01 with a line total a cent too high: the finding`,
		xml: invoice([
			{ quantity: '1', price: BIG, amount: BIG },
			{ quantity: '1', price: '0.01', amount: '0.01' }
		]).replace(
			/(<cac:LegalMonetaryTotal>\s*<cbc:LineExtensionAmount currencyID="EUR">)90071992547409\.94/,
			'$190071992547409.95'
		),
		rules: ['BR-CO-10'],
		fires: true,
		reference: { extra: ['BR-CO-15'], missing: ['BR-CO-10'] }
	},
	{
		name: `BR-CO-16: ${gross.toFixed(2)} paid in advance but 0.01: no finding`,
		xml: invoice([{ quantity: '1', price: BIG, amount: BIG }], {
			prepaid: gross.minus('0.01').toFixed(2)
		}),
		rules: ['BR-CO-16'],
		fires: false,
		sums: {
			double: roundedDouble(Number(gross) - Number(gross.minus('0.01'))),
			exact: '0.01'
		},
		reference: { extra: ['BR-CO-16'], missing: [] }
	}
];
