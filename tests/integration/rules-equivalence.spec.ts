// The fast rules engine gives exactly the findings of the plain one (every expression as
// fontoxpath evaluates it, node by node: `createValidator(..., { reference: true })`), on the
// official examples, every examples/*.json as UBL, the fixtures, and seeded random mutations of
// them (elements removed, duplicated, values and attributes replaced, amounts off by a cent), so
// the findings cover hundreds of rules, evaluation errors included. The fast engine runs the
// rules compiled to JavaScript at build time (scripts/compile-rules.ts); the plain one is
// fontoxpath alone.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseXmlDocument, serializeToWellFormedString, type Element } from 'slimdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { createValidator, type PeppolValidator } from '$lib/peppol-rules';
import { DATA_DIR, nodeValidator } from '$lib/peppol-rules/node';
import { toUbl } from '$lib/ubl';
import { exampleNames, readExample } from '../factories/examples';

const xmlFiles = (dir: string) =>
	readdirSync(dir)
		.filter((name) => name.endsWith('.xml'))
		.sort()
		.map((name) => ({ name, xml: readFileSync(join(dir, name), 'utf8') }));

const official = xmlFiles(`${DATA_DIR}examples`);
const fixtures = [
	...xmlFiles(resolve('tests/fixtures/peppol')),
	...xmlFiles(resolve('tests/fixtures/ubl'))
];
const examples = exampleNames.map((name) => ({ name, xml: toUbl(readExample(name)).xml }));

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

function mutate(xml: string, seed: number): string {
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

const MUTATIONS_PER_DOCUMENT = 6;
const corpus = [...official, ...fixtures, ...examples].flatMap(({ name, xml }, i) => [
	{ name, xml },
	// the 200-line example is the slowest in the plain engine and adds no rule the others lack
	...(xml.length > 100_000
		? []
		: Array.from({ length: MUTATIONS_PER_DOCUMENT }, (_, k) => ({
				name: `${name} mutation ${k + 1}`,
				xml: mutate(xml, 1000 * i + k)
			})))
]);

let fast: PeppolValidator;
let reference: PeppolValidator;
beforeAll(async () => {
	fast = await nodeValidator();
	reference = await createValidator(async (file) => new Uint8Array(readFileSync(DATA_DIR + file)), {
		reference: true
	});
}, 120_000);

describe('the fast rules engine against the plain one', () => {
	const seen = { findings: 0, ids: new Set<string>(), errors: 0 };

	it.each(corpus.map((entry) => [entry.name, entry.xml] as const))(
		'%s: identical findings',
		(_, xml) => {
			const expected = reference.validate(xml);
			expect(fast.validate(xml)).toEqual(expected);
			for (const finding of [...expected.fatal, ...expected.warnings]) {
				seen.findings++;
				seen.ids.add(finding.id);
				if (finding.evaluationError) seen.errors++;
			}
		},
		// the plain engine takes minutes on the 200-line invoice on a loaded machine
		600_000
	);

	it('compared enough findings to mean something', () => {
		expect(corpus.length).toBeGreaterThan(150);
		expect(seen.findings).toBeGreaterThan(500);
		expect(seen.ids.size).toBeGreaterThan(100);
	});
});
