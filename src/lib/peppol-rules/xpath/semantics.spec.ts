// The XPath semantics of the compiled rules, expression by expression: each case is compiled by
// the build's compiler (scripts/rules-compiler/xqx-to-js.ts) and evaluated on a small
// document, and, except where exact decimals differ on purpose, compared with fontoxpath.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fontoxpath from 'fontoxpath';
import { Document, parseXmlDocument, type Element, type Node } from 'slimdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileStandalone } from '../../../../scripts/rules-compiler/xqx-to-js';
import type { CompiledExpression } from './compiled-expression';
import { atomicString, Dec, integer, isNode, XPathError, type Item } from './values';

const NS = { cbc: 'urn:cbc', cac: 'urn:cac' };
const XML = `<Invoice xmlns:cbc="urn:cbc" xmlns:cac="urn:cac">
  <cbc:ID>  INV  1 </cbc:ID>
  <cac:Line><cbc:Amount currencyID="EUR">10.10</cbc:Amount><cbc:Code>S</cbc:Code></cac:Line>
  <cac:Line><cbc:Amount currencyID="EUR">20.20</cbc:Amount><cbc:Code>Z</cbc:Code></cac:Line>
  <cac:Line><cbc:Amount currencyID="USD">abc</cbc:Amount></cac:Line>
  <cbc:Total>30.30</cbc:Total>
  <cbc:Date>2026-02-29</cbc:Date>
</Invoice>`;

// [expression, expected value as plain JS (numbers, strings, booleans, node names), fontoxpath
// agrees?]
const CASES: [string, unknown[], boolean][] = [
	// exact decimals, by construction (fontoxpath computes them as doubles)
	['0.1 + 0.2 = 0.3', [true], false],
	['sum(cac:Line[1]/cbc:Amount | cac:Line[2]/cbc:Amount) = 30.30', [false], true], // untyped: doubles
	[
		'sum((cac:Line/cbc:Amount)[. castable as xs:decimal] ! xs:decimal(.)) = xs:decimal(cbc:Total)',
		[true],
		false
	],
	['xs:decimal(cac:Line[1]/cbc:Amount) + xs:decimal(cac:Line[2]/cbc:Amount) = 30.3', [true], false],
	['string(0.001)', ['0.001'], true],
	['string(0.000001 * 1)', ['0.000001'], true],
	['string(1.50)', ['1.5'], true],
	['string(10 div 4)', ['2.5'], true],
	['round(2.5)', [3], true],
	['round(-2.5)', [-2], true],
	['round(1.005 * 100)', [101], false],
	['10 idiv 3', [3], true],
	['-7 mod 3', [-1], true],
	// general comparisons over sequences and the empty sequence
	['(1, 2) = (2, 3)', [true], true],
	['(1, 2) != (1, 2)', [true], true],
	['() = ()', [false], true],
	['() != 1', [false], true],
	["cac:Line/cbc:Code = 'Z'", [true], true],
	["cac:Line/cbc:Code != 'S'", [true], true],
	['cac:Line[position() < 3]/cbc:Amount = 20.2', [true], true],
	["cac:Line/cbc:Amount = '20.2'", [false], true],
	['cac:Line[position() < 3]/cbc:Amount > 15', [true], true],
	['xs:decimal(()) + 1', [], true],
	['empty(xs:decimal(()) + 1)', [true], true],
	['sum(())', [0], true],
	['count(cac:Line/cbc:Code)', [2], true],
	['exists(cac:Nothing)', [false], true],
	['1 eq ()', [], true],
	// effective boolean value
	["boolean('')", [false], true],
	["boolean('0')", [true], true],
	['boolean(0.0)', [false], true],
	['boolean(cac:Line)', [true], true],
	['if (cac:Nothing) then 1 else 2', [2], true],
	// strings and conversions
	['normalize-space(cbc:ID)', ['INV 1'], true],
	["string-length(normalize-space(' a  b '))", [3], true],
	['number(cac:Line[3]/cbc:Amount)', [NaN], true],
	["number('12')", [12], true],
	["substring('12345', 2, 3)", ['234'], true],
	["substring('12345', 0, 3)", ['12'], true],
	["translate('a-b-c', '-', '')", ['abc'], true],
	["upper-case('be')", ['BE'], true],
	["concat('a', 1, ())", ['a1'], true],
	["string-join(cac:Line/cbc:Code, ',')", ['S,Z'], true],
	["substring-before('2026-02', '-')", ['2026'], true],
	["substring-after('2026-02', '-')", ['02'], true],
	["matches('BE0123', '^[A-Z]{2}\\d+$')", [true], true],
	["matches('BE0123', '\\p{Lu}{3}')", [false], true],
	["tokenize('a b  c', '\\s')", ['a', 'b', '', 'c'], true],
	["string-to-codepoints('AB')", [65, 66], true],
	['codepoints-to-string((66, 69))', ['BE'], true],
	// casts and castable
	['cac:Line[3]/cbc:Amount castable as xs:decimal', [false], true],
	['cbc:Date castable as xs:date', [true], true],
	["'2017-09-31' castable as xs:date", [true], true], // fontoxpath 3.34's leniency, kept
	["xs:date('2026-03-02') > xs:date(cbc:Date)", [true], true],
	// fontoxpath reads 2026-02-29 as 2026-03-01 (JavaScript's Date), and so do the compiled rules
	["xs:date('2026-03-01') = xs:date(cbc:Date)", [true], true],
	["'12' castable as xs:integer", [true], true],
	// paths, predicates, variables
	['cac:Line[2]/cbc:Code', ['Code'], true],
	['cac:Line[last()]/cbc:Amount/@currencyID', ['currencyID'], true],
	["//cbc:Amount[@currencyID = 'USD']/..", ['Line'], true],
	['//cbc:Code[1]', ['Code', 'Code'], true],
	['(//cbc:Code)[1]', ['Code'], true],
	['cac:Line[cbc:Code]/cbc:Amount/../cbc:Code', ['Code', 'Code'], true],
	['count(cac:Line[1]/following-sibling::cac:Line)', [2], true],
	['count(cbc:Total/preceding-sibling::*)', [4], true],
	['count(//cbc:Code/ancestor::*)', [3], true],
	['for $l in cac:Line return count($l/*)', [2, 2, 1], true],
	["some $c in cac:Line/cbc:Code satisfies $c = 'Z'", [true], true],
	['every $a in cac:Line/cbc:Amount satisfies $a castable as xs:decimal', [false], true],
	['let $x := 2, $y := $x * 3 return $y', [6], true],
	['$rate * 2', [42], true],
	['(1 to 3)[. mod 2 = 1]', [1, 3], true],
	['cac:Line ! cbc:Code ! string()', ['S', 'Z'], true]
];

// dynamic errors: the compiled code raises them, the engine then asks fontoxpath
const ERRORS = [
	"xs:decimal('abc')",
	'boolean((1, 2))',
	'xs:decimal(cac:Line/cbc:Amount)',
	"'a' + 1",
	'1 div 0',
	"'a' = 1",
	// fontoxpath casts every value before comparing, so 'abc' fails even though 20.20 matches
	'cac:Line/cbc:Amount = 20.2'
];

const plain = (item: Item): unknown => {
	if (isNode(item)) return (item as Element).localName;
	if (item instanceof Dec) return Number(item.b);
	return typeof item === 'object' ? atomicString(item) : item;
};

const dir = fileURLToPath(new URL('../compiled/', import.meta.url));
const file = `${dir}semantics-${process.pid}.spec-generated.ts`;
let compiled: CompiledExpression[] = [];
let doc: Document;
let context: Node;

beforeAll(async () => {
	const xqx = new Document();
	const parse = (query: string) =>
		fontoxpath.parseScript<Element>(
			query,
			{ language: fontoxpath.evaluateXPath.XQUERY_3_1_LANGUAGE, annotateAst: false },
			xqx
		);
	const sources = [...CASES.map(([e]) => e), ...ERRORS].map((e) => compileStandalone(e, NS, parse));
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		file,
		[
			"import * as V from '../xpath/values';",
			"import * as N from '../xpath/nodes';",
			"import * as R from '../xpath/convert';",
			"import { call as F } from '../xpath/functions';",
			'void R; void F;',
			`export const EXPRESSIONS = [\n${sources.join(',\n')}\n];`
		].join('\n')
	);
	compiled = ((await import(/* @vite-ignore */ file)) as { EXPRESSIONS: CompiledExpression[] })
		.EXPRESSIONS;
	doc = parseXmlDocument(XML);
	context = doc.documentElement as Node;
});

afterAll(() => rmSync(file, { force: true }));

describe('compiled XPath semantics', () => {
	it.each(CASES.map((c, i) => [c[0], i] as const))('%s', (expression, i) => {
		const [, expected, agrees] = CASES[i] ?? ['', [], true];
		const run = compiled[i];
		if (!run) throw new Error('not compiled');
		const value = run({ i: context, p: 1, n: 1 }, (name) => (name === 'rate' ? [integer(21)] : []));
		expect(value.map(plain)).toEqual(expected);
		const theirs = fontoxpath.evaluateXPath(
			expression,
			context,
			null,
			{ rate: 21 },
			fontoxpath.evaluateXPath.ALL_RESULTS_TYPE,
			{ namespaceResolver: (prefix: string) => NS[prefix as keyof typeof NS] ?? null }
		) as unknown[];
		const theirsPlain = theirs.map((t) =>
			t !== null && typeof t === 'object' && 'nodeType' in t ? (t as Element).localName : t
		);
		if (agrees) expect(theirsPlain).toEqual(expected);
		else expect(theirsPlain).not.toEqual(expected);
	});

	it.each(ERRORS.map((e, i) => [e, i] as const))('%s raises an XPath error', (_, i) => {
		const run = compiled[CASES.length + i];
		if (!run) throw new Error('not compiled');
		expect(() => run({ i: context, p: 1, n: 1 }, () => [])).toThrow(XPathError);
	});
});
