// The u:* functions of PEPPOL-EN16931-UBL.sch, translated from <xsl:function> to XQuery, checked
// against known identifiers and against independent implementations of the same check-digit
// algorithms (written from their public definitions) on random identifiers.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULE_FILES } from './data-files';
import { loadFontoxpath } from './fontoxpath';
import { DATA_DIR } from './node';
import { CompiledSchematron } from './schematron';

const peppolText = readFileSync(DATA_DIR + RULE_FILES.peppol, 'utf8');
const peppol = new CompiledSchematron(peppolText, { name: 'peppol' });
const str = (s: string) => "'" + s.replace(/'/g, "''") + "'";
const call = (fn: string, ...args: string[]) => peppol.evaluate(`u:${fn}(${args.join(', ')})`);

const digits = (s: string) => [...s].map(Number);
const last = (s: string) => Number(s.at(-1));
/** GS1 mod 10: weights 3,1,3,... from the right, check digit excluded */
const gs1 = (s: string) => {
	const sum = digits(s.slice(0, -1))
		.reverse()
		.reduce((acc, x, i) => acc + x * (i % 2 === 0 ? 3 : 1), 0);
	return (10 - (sum % 10)) % 10 === last(s);
};
/** Norwegian organisation number: weights 2..7 cycling from the right */
const mod11no = (s: string) => {
	const sum = digits(s.slice(0, -1))
		.reverse()
		.reduce((acc, x, i) => acc + x * ((i % 6) + 2), 0);
	return Number(s) > 0 && (11 - (sum % 11)) % 11 === last(s);
};
/** Belgian enterprise number */
const kbo = (s: string) => 97 - (Number(s.slice(0, 8)) % 97) === Number(s.slice(8, 10));
/** Swedish organisation number: Luhn over the first 9 digits */
const luhn10 = (s: string) => {
	const d = digits(s.slice(0, 9));
	let sum = 0;
	for (let i = 0; i < d.length; i++) {
		let x = d[d.length - 1 - i] ?? 0;
		if (i % 2 === 0) x = x * 2 > 9 ? x * 2 - 9 : x * 2;
		sum += x;
	}
	return (10 - (sum % 10)) % 10 === Number(s.slice(9, 10));
};
/** Australian Business Number: first digit minus 1, weights, mod 89 */
const abn = (s: string) => {
	const w = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
	const d = digits(s);
	d[0] = (d[0] ?? 0) - 1;
	return d.reduce((acc, x, i) => acc + x * (w[i] ?? 0), 0) % 89 === 0;
};
/** Greek TIN: sum of d_i * 2^(8-i), (sum mod 11) mod 10 = d9 */
const afm = (s: string) => {
	const d = digits(s);
	let sum = 0;
	for (let i = 0; i < 8; i++) sum += (d[i] ?? 0) * 2 ** (8 - i);
	return (sum % 11) % 10 === d[8];
};
/** Italian partita IVA: odd positions as is, even positions doubled (digit sum), mod 10 */
const piva = (s: string) =>
	digits(s).reduce((acc, x, i) => acc + (i % 2 === 1 ? (x * 2 > 9 ? x * 2 - 9 : x * 2) : x), 0) %
		10 ===
	0;

// these call the fontoxpath engine directly, which the validators import when they load
beforeAll(() => loadFontoxpath());

describe('translated xsl:functions', () => {
	it('accept and reject known identifiers', () => {
		expect(call('mod97-0208', str('0123456749')), 'BE 0123456749').toBe(true);
		expect(call('mod97-0208', str('0123456748')), 'BE 0123456748').toBe(false);
		expect(call('mod97-0208', str('0203201340')), 'BE 0203.201.340').toBe(true);
		expect(call('gln', str('5790000435975'))).toBe(true);
		expect(call('gln', str('5790000435976'))).toBe(false);
		expect(call('gln', str('4000001000005'))).toBe(true);
		expect(call('mod11', str('974760673')), 'NO 974760673').toBe(true);
		expect(call('mod11', str('974760672'))).toBe(false);
		expect(call('abn', str('51824753556')), 'ABN 51 824 753 556').toBe(true);
		expect(call('abn', str('51824753557'))).toBe(false);
		expect(call('checkSEOrgnr', str('5560360793'))).toBe(luhn10('5560360793'));
		expect(call('checkSEOrgnr', str('2021005489')), 'SE 202100-5489').toBe(true);
		expect(call('checkSEOrgnr', str('55603607AB')), 'not numeric').toBe(false);
		expect(call('checkPIVAseIT', str('IT00743110157'))).toBe(true);
		expect(call('checkPIVAseIT', str('IT00743110158'))).toBe(false);
		expect(call('checkPIVAseIT', str('DE123')), 'non-IT numbers are not checked').toBe(true);
		expect(call('checkCF', str('RSSMRA85T10A562S')), '16-character codice fiscale').toBe(true);
		expect(call('checkCF', str('00743110157')), '11-digit codice fiscale').toBe(true);
		expect(call('checkCF', str('RSSMRA85T10A56'))).toBe(false);
		expect(call('checkCodiceIPA', str('UFY9MH'))).toBe(true);
		expect(call('checkCodiceIPA', str('UFY9M-'))).toBe(false);
		expect(call('TinVerification', str('094019245'))).toBe(afm('094019245'));
	});

	it('apply the function conversion rules to arguments', () => {
		expect(call('slack', '1.00', '1.02', '0.02')).toBe(true);
		expect(call('slack', '1.00', '1.03', '0.02')).toBe(false);
		expect(call('slack', '100', '99.98', '0.02')).toBe(true);
		expect(peppol.evaluate("u:slack(xs:untypedAtomic('10.00'), 10, 0.02)")).toBe(true);
		expect(() => peppol.evaluate('u:slack(xs:double(1), 1, 0.02)')).toThrow(/XPTY0004/);
	});

	it.each([
		['gln', 13, gs1],
		['mod11', 9, mod11no],
		['mod97-0208', 10, kbo],
		['checkSEOrgnr', 10, luhn10],
		['abn', 11, abn],
		['TinVerification', 9, afm]
	] as const)('u:%s agrees with an independent implementation', (fn, length, oracle) => {
		const identifier = fc.string({
			unit: fc.constantFrom(...'0123456789'),
			minLength: length,
			maxLength: length
		});
		fc.assert(
			fc.property(identifier, (s) => {
				expect(peppol.evaluate(`u:${fn}($id)`, null, { id: s }), `u:${fn}('${s}')`).toBe(oracle(s));
			}),
			{ numRuns: 200, seed: 20260501 }
		);
	});

	it('u:checkPIVAseIT agrees with an independent implementation', () => {
		const identifier = fc.string({
			unit: fc.constantFrom(...'0123456789'),
			minLength: 11,
			maxLength: 11
		});
		fc.assert(
			fc.property(identifier, (s) => {
				expect(peppol.evaluate('u:checkPIVAseIT($id)', null, { id: 'IT' + s })).toBe(piva(s));
			}),
			{ numRuns: 200, seed: 20260501 }
		);
	});

	it('a second copy of the rule set in the same process works beside the first', () => {
		const again = new CompiledSchematron(peppolText, { name: 'peppol' });
		expect(again.evaluate("u:mod97-0208('0123456749')")).toBe(true);
		expect(peppol.evaluate("u:mod97-0208('0123456748')")).toBe(false);
	});
});
