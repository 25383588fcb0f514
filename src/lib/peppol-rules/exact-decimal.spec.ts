// The rule engine computes xs:decimal exactly, where fontoxpath alone uses IEEE doubles; every
// case here is first shown to go wrong in plain fontoxpath.
import { readFileSync } from 'node:fs';
import fontoxpath from 'fontoxpath';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULE_FILES } from './data-files';
import { loadFontoxpath } from './fontoxpath';
import { DATA_DIR } from './node';
import { CompiledSchematron } from './schematron';

const peppol = new CompiledSchematron(readFileSync(DATA_DIR + RULE_FILES.peppol, 'utf8'), {
	name: 'peppol'
});
const inDoubles = (expr: string) => fontoxpath.evaluateXPathToBoolean(expr);
const exact = (expr: string) => peppol.evaluate(expr);

// these call the fontoxpath engine directly, which the validators import when they load
beforeAll(() => loadFontoxpath());

describe('exact decimals', () => {
	it.each([
		"xs:decimal('10.10') + xs:decimal('20.20') = xs:decimal('30.30')",
		'sum((xs:decimal(0.1), xs:decimal(0.2))) = 0.3',
		'sum((0.1, 0.7)) = 0.8',
		'1.1 * 1.1 = 1.21',
		'0.3 div 0.1 = 3',
		'(0.1 + 0.2) * 10 = 3',
		'let $lines := (0.1, 0.2) return sum($lines) + 0.3 - 0.6 = 0'
	])('%s', (expr) => {
		expect(inDoubles(expr)).toBe(false);
		expect(exact(expr)).toBe(true);
	});

	it('u:slack (PEPPOL-EN16931-R120) compares at its exact boundary', () => {
		// 0.01 + 0.06 is 0.06999999999999999 in doubles, so the boundary case failed.
		expect(inDoubles('0.01 + 0.06 >= 0.07')).toBe(false);
		expect(exact('u:slack(0.01, 0.07, 0.06)')).toBe(true);
		expect(exact('u:slack(0.01, 0.08, 0.06)')).toBe(false);
	});

	it('keeps every other type and its arithmetic as XPath defines it', () => {
		expect(exact('(1 + 2) instance of xs:integer')).toBe(true);
		expect(exact('(7 * 6, 7 - 10, 10 div 4)')).toEqual([42, -3, 2.5]);
		expect(exact('sum((1, 2, 3)) instance of xs:integer')).toBe(true);
		expect(exact('sum(()) = 0')).toBe(true);
		expect(exact('(0.1 + 0.2) instance of xs:decimal')).toBe(true);
		// doubles and untyped values (cast to xs:double) stay doubles, with double results
		expect(exact('xs:double(0.1) + xs:double(0.2) = 0.30000000000000004')).toBe(true);
		expect(exact("(xs:untypedAtomic('0.1') + 0.2) instance of xs:double")).toBe(true);
		expect(exact("xs:date('2026-01-31') + xs:dayTimeDuration('P1D')")).toBeDefined();
		expect(exact('() + 1')).toEqual([]);
	});

	it('raises the XPath errors the operators raise', () => {
		expect(() => exact('1.5 div 0')).toThrow(/FOAR0001/);
		expect(() => exact("'a' + 1")).toThrow(/XPTY0004/);
		expect(() => exact('(1.5, 2.5) + 1')).toThrow(/XPTY0004/);
	});
});
