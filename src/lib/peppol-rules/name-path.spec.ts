import fontoxpath from 'fontoxpath';
import { parseXmlDocument, type Element, type Node } from 'slimdom';
import { describe, expect, it } from 'vitest';
import { compileNamePattern, compileNameTest } from './name-path';

const NS = { a: 'urn:a', b: 'urn:b' };
const DOC = parseXmlDocument(`<a:root xmlns:a="urn:a" xmlns:b="urn:b" id="r">
  <a:line n="1"><a:id>1</a:id><b:tax code="S"><a:id>S</a:id></b:tax></a:line>
  <a:line><a:id b:code="x">2</a:id><a:line n="1.1"/></a:line>
  <b:tax code="E"><a:rate>21</a:rate></b:tax>
</a:root>`);
const elements = Array.from(DOC.getElementsByTagName('*')) as Element[];
const fontoxpathValue = (expr: string, node: Node) =>
	fontoxpath.evaluateXPathToBoolean(
		expr,
		node,
		null,
		{},
		{ namespaceResolver: (p) => NS[p as 'a'] }
	);

describe('name paths in JavaScript', () => {
	it.each([
		'a:id',
		'not(a:id)',
		'not(a:line/b:tax/a:id)',
		'not((a:line | b:tax)/a:rate)',
		'(a:line | a:other)/b:tax/@code',
		'not(@n)',
		'not(a:id/@b:code)',
		'not(a:id/@code)',
		'not(@id/a:id)',
		'a:line/a:line/@n'
	])('%s has the value fontoxpath gives it on every element', (test) => {
		const js = compileNameTest(test, NS);
		expect(js).not.toBeNull();
		for (const element of elements) expect(js?.(element)).toBe(fontoxpathValue(test, element));
	});

	it.each([
		'not(a:id[1])',
		'count(a:id)',
		'a:id and b:tax',
		'not(a:id) and not(b:tax)',
		'not(//a:id)',
		'not(x:id)',
		'not(*)',
		"a:id = 'S'",
		'not(../a:id)'
	])('%s stays with fontoxpath', (test) => {
		expect(compileNameTest(test, NS)).toBeNull();
	});

	it.each([
		'a:line',
		'a:line/a:line',
		'//b:tax',
		'/a:root/b:tax',
		'a:root | a:line/a:id',
		'/a:line'
	])('pattern %s matches the elements fontoxpath selects from the root', (pattern) => {
		const match = compileNamePattern(pattern, NS);
		const selected = fontoxpath.evaluateXPathToNodes(
			pattern
				.split('|')
				.map((b) => (b.trim().startsWith('/') ? b : '//' + b.trim()))
				.join(' | '),
			DOC,
			null,
			{},
			{ namespaceResolver: (p) => NS[p as 'a'] }
		);
		expect(elements.filter((e) => match?.(e))).toEqual(selected);
	});

	it.each(['a:line[1]', 'a:line/@n', '*', 'a:line | b:tax[@code]', 'x:line'])(
		'pattern %s stays with fontoxpath',
		(pattern) => expect(compileNamePattern(pattern, NS)).toBeNull()
	);
});
