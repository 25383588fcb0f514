// The fast rules engine gives exactly the findings of the plain one (every expression as
// fontoxpath evaluates it, node by node: `createValidator(..., { reference: true })`), on:
//   * the official examples, every examples/*.json as UBL, the fixtures, and seeded random
//     mutations of them (tests/factories/random-mutations.ts);
//   * documents made to fire every assert of both rule sets (tests/factories/rule-mutations.ts);
//     an assert no document fires is listed in NOT_FIRED with the reason, and a rule update that
//     adds an assert neither fired nor listed fails this spec;
//   * sums an IEEE double gets wrong (the BR-CO-* rules compare xs:decimal exactly).
// One file, so the two engines load once (the plain one compiles ~1,300 expressions with
// fontoxpath: most of this spec's time besides the 200-line invoice).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createValidator, type PeppolValidator, type ValidationResult } from '$lib/peppol-rules';
import { SCHEMAS } from '$lib/peppol-rules/compiled/rules.generated';
import { DATA_DIR, nodeValidator } from '$lib/peppol-rules/node';
import { toUbl } from '$lib/ubl';
import { exampleNames, readExample } from '../factories/examples';
import { mutate } from '../factories/random-mutations';
import { BASES } from '../factories/rule-mutation-bases';
import { EDITS } from '../factories/rule-mutation-edits';
import { assertsOf, ruleMutationDocuments } from '../factories/rule-mutations';
import { DECIMAL_TRAPS } from '../factories/decimal-traps';
import { NOT_FIRED } from './rules-not-fired';

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

// The fast engine plans the rule documents (which changes fire what) while the file is collected;
// every planned document is then compared with the plain engine below.
const fast: PeppolValidator = await nodeValidator();
const asserts = assertsOf(SCHEMAS);
const bases = Object.fromEntries(
	Object.entries(BASES).map(([name, path]) => [name, readFileSync(resolve(path), 'utf8')])
);
const ruleDocuments = ruleMutationDocuments(asserts, bases, EDITS, (xml) => {
	const { fatal, warnings } = fast.validate(xml, { xsd: false });
	return new Set([...fatal, ...warnings].map((f) => f.id));
});

let reference: PeppolValidator;
beforeAll(async () => {
	reference = await createValidator(async (file) => new Uint8Array(readFileSync(DATA_DIR + file)), {
		reference: true
	});
}, 300_000);

const findingIds = (result: ValidationResult) =>
	[...result.fatal, ...result.warnings].map((f) => f.id);

/** The ids of the findings both engines gave, by document, for every document compared. */
const compared = new Map<string, string[]>();

function compare(xml: string): string[] {
	const expected = reference.validate(xml);
	expect(fast.validate(xml)).toEqual(expected);
	const ids = findingIds(expected);
	compared.set(xml, ids);
	return ids;
}

/**
 * The finding ids of every document of this file, whichever tests ran: a document that a filter
 * (`-t`) left out is validated here by the fast engine alone, which the comparisons hold to the
 * plain one. So the checks below mean the same under any filter.
 */
function findingsOfEveryDocument(): string[][] {
	everyDocument ??= [...corpus, ...ruleDocuments].map(
		({ xml }) => compared.get(xml) ?? findingIds(fast.validate(xml))
	);
	return everyDocument;
}
let everyDocument: string[][] | undefined;

describe('the fast rules engine against the plain one', () => {
	it.each(corpus.map((entry) => [entry.name, entry.xml] as const))(
		'%s: identical findings',
		(_, xml) => {
			compare(xml);
		},
		// the plain engine takes a minute on the 200-line invoice on a loaded machine
		300_000
	);

	it.each(ruleDocuments.map((d) => [d.name, d] as const))(
		'made to fire %s: identical findings, its targets among them',
		(_, document) => {
			const ids = compare(document.xml);
			expect(ids).toEqual(expect.arrayContaining(document.targets));
		}
	);

	it('compares enough findings to mean something', () => {
		const findings = findingsOfEveryDocument();
		expect(corpus.length).toBeGreaterThan(150);
		expect(findings.flat().length).toBeGreaterThan(500);
		expect(new Set(findings.flat()).size).toBeGreaterThan(100);
	});
});

describe('every assert of both rule sets', () => {
	it('fired on some document with identical findings, or is listed with its reason', () => {
		const fired = new Set(findingsOfEveryDocument().flat());
		const ids = asserts.map((a) => a.id);
		const neither = ids.filter((id) => !fired.has(id) && !(id in NOT_FIRED));
		expect(neither, 'asserts neither fired nor listed in rules-not-fired.ts').toEqual([]);
	});

	it('lists no assert that fires, or that the rules do not have', () => {
		const fired = new Set(findingsOfEveryDocument().flat());
		const ids = new Set(asserts.map((a) => a.id));
		expect(Object.keys(NOT_FIRED).filter((id) => fired.has(id) || !ids.has(id))).toEqual([]);
	});
});

describe('sums an IEEE double gets wrong', () => {
	const ids = (result: ValidationResult) =>
		[...result.fatal, ...result.warnings].map((f) => f.id).sort();
	const without = (result: ValidationResult, drop: ReadonlySet<string>) => ({
		...result,
		fatal: result.fatal.filter((f) => !drop.has(f.id)),
		warnings: result.warnings.filter((f) => !drop.has(f.id))
	});

	it.each(DECIMAL_TRAPS.map((t) => [t.name, t] as const))('%s', (_, trap) => {
		// a trap that must not fire is one: doubles and exact decimals disagree on its sum
		if (trap.sums) expect(trap.sums.double).not.toBe(trap.sums.exact);
		const exact = fast.validate(trap.xml);
		for (const id of trap.rules) {
			if (trap.fires) expect(ids(exact)).toContain(id);
			else expect(ids(exact)).not.toContain(id);
		}
		const plain = reference.validate(trap.xml);
		const { extra = [], missing = [] } = trap.reference ?? {};
		// the plain engine's mistakes, named: exactly these and no other difference
		expect(ids(plain)).toEqual(
			[...ids(exact).filter((id) => !missing.includes(id)), ...extra].sort()
		);
		const differ = new Set([...extra, ...missing]);
		expect(without(exact, differ)).toEqual(without(plain, differ));
	});
});
