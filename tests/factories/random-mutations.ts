// Seeded random mutations of a UBL document (elements removed or duplicated, values and
// attributes replaced, amounts a cent off): the same mutations on every run, for the spec that
// holds the fast rules engine to the plain one's findings.
import { parseXmlDocument, serializeToWellFormedString, type Element } from 'slimdom';

/** A small seeded generator (mulberry32), so every run mutates the same way. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// values that trip the rules: codes, identifiers, dates and amounts, valid and not
const VALUES = [
	'',
	' ',
	'XX',
	'0',
	'-1',
	'10.005',
	'12345678901234.5',
	'1e3',
	'abc',
	'2017-09-31',
	'2026-02-29',
	'S',
	'E',
	'AE',
	'O',
	'Z',
	'K',
	'VAT',
	'BE0123456749',
	'NO',
	'SE',
	'DK',
	'GR',
	'IT',
	'NL',
	'DE',
	'0208',
	'0088',
	'0192',
	'9925',
	'380',
	'381',
	'EUR',
	'USD',
	'21',
	'100.00',
	'false',
	'true'
];
const ATTRIBUTES = ['schemeID', 'currencyID', 'unitCode', 'listID', 'mimeCode'];

export function mutate(xml: string, seed: number): string {
	const next = random(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
	const doc = parseXmlDocument(xml);
	const root = doc.documentElement;
	if (!root) return xml;
	for (let n = 1 + Math.floor(next() * 3); n > 0; n--) {
		const elements = Array.from(root.getElementsByTagName('*')) as Element[];
		const element = pick(elements);
		const kind = Math.floor(next() * 5);
		if (kind === 4) {
			// an amount off by a cent: the sum and rounding rules (BR-CO-*, BR-*-08) fire
			const amounts = elements.filter(
				(e) => e.firstElementChild === null && /^-?\d+\.\d+$/.test(e.textContent ?? '')
			);
			const amount = amounts.length ? pick(amounts) : null;
			if (amount) amount.textContent = (Number(amount.textContent) + 0.01).toFixed(2);
		} else if (kind === 0) element.parentNode?.removeChild(element);
		else if (kind === 1) element.after(element.cloneNode(true));
		else if (kind === 2) {
			const leaves = elements.filter((e) => e.firstElementChild === null);
			pick(leaves).textContent = pick(VALUES);
		} else element.setAttribute(pick(ATTRIBUTES), pick(VALUES));
	}
	return serializeToWellFormedString(doc);
}
