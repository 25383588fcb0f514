import fontoxpath, { type Options } from 'fontoxpath';
import {
	Document as XqxDocument,
	parseXmlDocument,
	serializeToWellFormedString,
	type Element,
	type Node
} from 'slimdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFontoxpath } from './fontoxpath';
import { INDEX_NS, registerPathIndex, rewritePathIndex } from './path-index';

const NS = { a: 'urn:a', b: 'urn:b' };
const OPTIONS: Options = { language: fontoxpath.evaluateXPath.XQUERY_3_1_LANGUAGE };
const PROLOG = Object.entries(NS)
	.map(([prefix, uri]) => `declare namespace ${prefix} = "${uri}";\n`)
	.join('');

const DOC = parseXmlDocument(`<a:root xmlns:a="urn:a" xmlns:b="urn:b">
  <a:line n="1"><a:id>1</a:id><b:tax code="S"><a:id>S</a:id></b:tax><a:line n="1.1"><a:id>x</a:id></a:line></a:line>
  <a:line n="2"><a:id>2</a:id><b:tax code="E"><a:id>E</a:id></b:tax></a:line>
  <b:tax code="S"><a:id>S</a:id><a:rate>21</a:rate></b:tax>
  <a:note>first</a:note><a:note>second</a:note>
</a:root>`);

function parsed(expr: string, rewrite: boolean): Element {
	const ast = fontoxpath.parseScript<Element>(
		PROLOG + expr,
		{ ...OPTIONS, annotateAst: false },
		new XqxDocument()
	);
	return rewrite ? rewritePathIndex(ast, NS, OPTIONS) : ast;
}

const evaluate = (ast: Element, context: Node): unknown => {
	try {
		const items = fontoxpath.evaluateXPath(
			ast,
			context,
			null,
			{},
			fontoxpath.evaluateXPath.ALL_RESULTS_TYPE,
			OPTIONS
		) as unknown[];
		return items.map((item) =>
			typeof item === 'object' && item !== null && 'nodeType' in item
				? serializeToWellFormedString(item as Node)
				: item
		);
	} catch (e) {
		return { error: String(e instanceof Error ? e.message : e).slice(0, 8) };
	}
};

describe('path-index', () => {
	beforeAll(async () => {
		await loadFontoxpath();
		registerPathIndex();
	});
	const root = DOC.documentElement as Node;
	const line = (DOC.documentElement?.firstElementChild ?? root) as Node;

	it.each([
		'//a:id',
		'//a:id[1]',
		'//a:id[last()]',
		'//a:id[position() = 1]',
		"//b:tax[@code = 'S']/a:id",
		"//b:tax[a:id = 'S'][1]/a:rate",
		'//*[a:id]',
		'//@code',
		"//@code[. = 'E']",
		'//a:line//a:id',
		'/descendant::a:id[2]',
		'descendant::a:id[2]',
		'descendant::a:line[a:line]/@n',
		'count(//a:note) + count(//a:missing)',
		'not((a:line | a:other)/b:tax/a:rate)',
		'not((a:line | a:other)/b:missing)',
		'(a:line | a:other)/b:tax/@code',
		'for $n in //a:note return //a:note[. = $n]/string()',
		'//b:tax[a:id = ../a:id]/@code',
		"'x' ! (a:line/a:id)"
	])('%s selects what fontoxpath selects, from any context', (expr) => {
		for (const context of [DOC as Node, root, line]) {
			expect(evaluate(parsed(expr, true), context)).toEqual(evaluate(parsed(expr, false), context));
		}
	});

	it('reads whole-document scans from the index and skips name-only paths whose name is absent', () => {
		const calls = (expr: string) =>
			[...serializeToWellFormedString(parsed(expr, true)).matchAll(/>(\w+)<\/xqx:functionName>/g)]
				.map((m) => m[1])
				.filter((name) => name !== 'count');
		expect(serializeToWellFormedString(parsed('//a:id', true))).toContain(INDEX_NS);
		expect(calls("count(//b:tax[@code = 'S'])")).toEqual(['memo']);
		expect(calls('//@code')).toEqual(['attributes']);
		expect(calls('not(a:line/b:missing)')).toEqual(['not', 'has']);
		// a positional predicate keeps the per-parent meaning of `//`: no index, the path as it is
		expect(calls('//a:id[1]')).toEqual(['memo']);
		expect(serializeToWellFormedString(parsed('//a:id[1]', true))).not.toContain('>elements<');
	});

	it('raises a dynamic error for `//` from a context item that is not a node, as fontoxpath does', () => {
		// the error differs: fontoxpath itself fails with a JavaScript TypeError there
		expect(evaluate(parsed("'x' ! //a:id", true), root)).toHaveProperty('error');
		expect(evaluate(parsed("'x' ! //a:id", false), root)).toHaveProperty('error');
	});

	it('evaluates a document-wide path once per document', () => {
		const ast = parsed("count(//b:tax[@code = 'S'])", true);
		const other = parseXmlDocument(
			'<a:root xmlns:a="urn:a" xmlns:b="urn:b"><b:tax code="S"/></a:root>'
		);
		expect(evaluate(ast, root)).toEqual([2]);
		expect(evaluate(ast, other)).toEqual([1]);
		expect(evaluate(ast, DOC)).toEqual([2]);
	});
});
