// The official Peppol BIS 3.0.21 examples and the Belgian samples validate without a fatal
// finding; every broken sample fails with the rule it was broken for.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatFinding, type PeppolValidator } from './index';
import { DATA_DIR, nodeValidator } from './node';

const SAMPLES = resolve('tests/fixtures/peppol');
const sample = (name: string) => readFileSync(`${SAMPLES}/${name}`, 'utf8');
const ids = (list: { id: string }[]) => [...new Set(list.map((f) => f.id))].sort();
const examples = readdirSync(`${DATA_DIR}examples`)
	.filter((f) => f.endsWith('.xml'))
	.sort();

let validator: PeppolValidator;
beforeAll(async () => {
	validator = await nodeValidator();
});

describe('peppol-rules validator', () => {
	it('ships the 10 official examples', () => expect(examples).toHaveLength(10));

	it('loads the rules once per process', async () => {
		expect(await nodeValidator()).toBe(validator);
	});

	it.each(examples)('official example %s has no finding', (name) => {
		const result = validator.validate(readFileSync(`${DATA_DIR}examples/${name}`, 'utf8'));
		expect([...result.fatal, ...result.warnings].map(formatFinding)).toEqual([]);
		expect(result.wellFormed).toBe(true);
	});

	it.each(['be-sole-trader-invoice.xml', 'be-sole-trader-creditnote.xml'])(
		'Belgian sample %s has no finding',
		(name) => {
			const result = validator.validate(sample(name));
			expect([...result.fatal, ...result.warnings].map(formatFinding)).toEqual([]);
		}
	);

	it.each([
		['broken-no-seller-vat.xml', ['BR-S-02', 'BR-S-04']],
		['broken-payable-total.xml', ['BR-CO-16']],
		['broken-be-kbo-checkdigit.xml', ['PEPPOL-COMMON-R043']],
		['broken-xsd-order.xml', ['XSD']]
	])('broken sample %s fails with %j', (name, expected) => {
		expect(ids(validator.validate(sample(name)).fatal)).toEqual(expected);
	});

	it('names the rule, the node and the message of a Schematron finding', () => {
		const [finding] = validator.validate(sample('broken-payable-total.xml')).fatal;
		expect(finding && formatFinding(finding)).toMatch(
			/^\[fatal\] BR-CO-16 \/Invoice\[1\]\/cac:LegalMonetaryTotal\[1\]: \[BR-CO-16\]-Amount due/
		);
		expect(finding?.ruleset).toBe('cen');
		expect(finding?.test).toContain('cbc:PayableAmount');
	});

	it('reports a misplaced element with its XSD location and line', () => {
		const [finding] = validator.validate(sample('broken-xsd-order.xml')).fatal;
		expect(finding?.ruleset).toBe('xsd');
		expect(finding?.message).toMatch(/DocumentCurrencyCode.*not expected/);
		expect(finding?.line).toBe(12);
	});

	it('skips a step when asked', () => {
		const broken = sample('broken-xsd-order.xml');
		expect(validator.validate(broken, { xsd: false }).fatal).toEqual([]);
		const payable = sample('broken-payable-total.xml');
		expect(validator.validate(payable, { schematron: false }).fatal).toEqual([]);
	});

	it('reports XML that is not well-formed instead of throwing', () => {
		const result = validator.validate('<Invoice><cbc:ID>1</Invoice>');
		expect(result.wellFormed).toBe(false);
		expect(result.documentType).toBeNull();
		expect(ids(result.fatal)).toEqual(['XML-WELLFORMED']);
	});

	it('rejects a document that is neither an Invoice nor a CreditNote', () => {
		const result = validator.validate(
			'<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>'
		);
		expect(result.documentType).toBe('Order');
		expect(ids(result.fatal)).toContain('UBL-ROOT');
	});

	it('never reads a file the document points at', () => {
		const withEntity = sample('be-sole-trader-invoice.xml').replace(
			'<Invoice',
			'<!DOCTYPE Invoice [<!ENTITY x SYSTEM "file:///etc/passwd">]><Invoice'
		);
		const result = validator.validate(withEntity);
		expect(JSON.stringify(result)).not.toContain('root:');
	});
});
