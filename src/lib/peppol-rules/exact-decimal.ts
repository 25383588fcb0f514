// fontoxpath implements xs:decimal as an IEEE double, so `10.10 + 20.20` is 30.299999999999997
// there and an exact rule such as BR-E-08 ("taxable amount = Σ line amounts") rejects a correct
// 30.30. The XSLT reference computes in exact decimals. Every rule expression is therefore
// rewritten before it is compiled: `a + b`, `a - b`, `a * b`, `a div b` and `sum(s)` become calls
// of functions that compute in big.js when the operands are xs:decimal (and not both xs:integer),
// and fall back to the native operator otherwise (doubles, untyped values, integers, dates), so
// every other XPath semantic is unchanged.
//
// A value is then always the double nearest to the exact decimal; for decimals of up to 15
// significant digits that double is unique and orders like the decimal, so comparisons, round(),
// abs() and a later exact operation (which reads the decimal back with String()) stay exact.
import Big from 'big.js';
import type { Element, Node } from 'slimdom';
import { fontoxpath } from './fontoxpath';

export const EXACT_NS = 'urn:billfold:peppol-rules:exact-decimal';
export const EXACT_PREFIX = 'billfold-exact';
const XQX = 'http://www.w3.org/2005/XQueryX';
const FN = 'http://www.w3.org/2005/xpath-functions';

/** Decimal division keeps 24 fraction digits (XSLT processors keep at least 18). */
const Decimal = Big();
Decimal.DP = 24;

const big = (n: number) => new Decimal(String(n));
const binary: Record<string, (a: Big, b: Big) => Big> = {
	add: (a, b) => a.plus(b),
	subtract: (a, b) => a.minus(b),
	multiply: (a, b) => a.times(b),
	divide: (a, b) => {
		if (b.eq(0)) throw new Error('FOAR0001: Division by zero');
		return a.div(b);
	}
};

// fontoxpath's function registry is process-wide and refuses a second registration.
const REGISTERED = Symbol.for('billfold.peppol-rules.exact-decimal');
type Holder = { [REGISTERED]?: true };

/** Registers the exact functions with fontoxpath, once per process. */
export function registerExactDecimal(): void {
	const holder = fontoxpath() as unknown as Holder;
	if (holder[REGISTERED]) return;
	for (const [name, op] of Object.entries(binary)) {
		fontoxpath().registerCustomXPathFunction(
			{ namespaceURI: EXACT_NS, localName: `js-${name}` },
			['xs:decimal', 'xs:decimal'],
			'xs:decimal',
			(_: unknown, a: number, b: number) => Number(op(big(a), big(b)))
		);
	}
	fontoxpath().registerCustomXPathFunction(
		{ namespaceURI: EXACT_NS, localName: 'js-sum' },
		['xs:decimal*'],
		'xs:decimal',
		(_: unknown, values: number[]) =>
			Number(values.reduce((sum, value) => sum.plus(big(value)), new Decimal(0)))
	);
	const e = EXACT_PREFIX;
	const exactPair = `($a instance of xs:decimal and $b instance of xs:decimal and not($a instance of xs:integer and $b instance of xs:integer))`;
	const operators = { add: '+', subtract: '-', multiply: '*', divide: 'div' };
	fontoxpath().registerXQueryModule(
		[
			`xquery version "3.1";`,
			`module namespace ${e} = '${EXACT_NS}';`,
			...Object.entries(operators).map(
				([name, op]) =>
					`declare %public function ${e}:${name}($a as xs:anyAtomicType?, $b as xs:anyAtomicType?) as xs:anyAtomicType? {
  if ${exactPair} then ${e}:js-${name}($a, $b) else $a ${op} $b
};`
			),
			`declare %public function ${e}:sum($values as xs:anyAtomicType*) as xs:anyAtomicType {
  if (exists($values) and (every $v in $values satisfies $v instance of xs:decimal)
      and (some $v in $values satisfies not($v instance of xs:integer)))
  then ${e}:js-sum($values) else sum($values)
};`
		].join('\n')
	);
	holder[REGISTERED] = true;
}

const OPERATIONS: Readonly<Record<string, string>> = {
	addOp: 'add',
	subtractOp: 'subtract',
	multiplyOp: 'multiply',
	divOp: 'divide'
};

const isXqx = (n: Node, local?: string): n is Element =>
	n.nodeType === 1 &&
	(n as Element).namespaceURI === XQX &&
	(!local || (n as Element).localName === local);

function call(at: Element, name: string, args: Node[]): Element {
	const doc = at.ownerDocument;
	if (!doc) throw new Error('exact-decimal: a detached XQueryX node');
	const expr = doc.createElementNS(XQX, 'xqx:functionCallExpr');
	const functionName = doc.createElementNS(XQX, 'xqx:functionName');
	functionName.setAttributeNS(XQX, 'xqx:prefix', EXACT_PREFIX);
	functionName.setAttributeNS(XQX, 'xqx:URI', EXACT_NS);
	functionName.appendChild(doc.createTextNode(name));
	const argumentsElement = doc.createElementNS(XQX, 'xqx:arguments');
	for (const arg of args) argumentsElement.appendChild(arg);
	expr.append(functionName, argumentsElement);
	return expr;
}

function isFnSum(expr: Element): boolean {
	const name = Array.from(expr.childNodes).find((c) => isXqx(c, 'functionName'));
	const args = Array.from(expr.childNodes).find((c) => isXqx(c, 'arguments'));
	if (!name || !args || name.textContent !== 'sum') return false;
	const uri = name.getAttributeNS(XQX, 'URI');
	const prefix = name.getAttributeNS(XQX, 'prefix') ?? '';
	const fnNamespace = uri === FN || (uri === null && (prefix === '' || prefix === 'fn'));
	return fnNamespace && Array.from(args.childNodes).filter((c) => c.nodeType === 1).length === 1;
}

/** Rewrites decimal arithmetic and fn:sum#1 in a parsed (XQueryX) expression, in place. */
export function rewriteExactDecimal(ast: Element): Element {
	const targets: Element[] = [];
	const walk = (n: Node): void => {
		if (
			isXqx(n) &&
			(n.localName in OPERATIONS || (n.localName === 'functionCallExpr' && isFnSum(n)))
		) {
			targets.push(n);
		}
		for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
	};
	walk(ast);
	for (const target of targets) {
		const operation = OPERATIONS[target.localName];
		const replacement = operation
			? call(
					target,
					operation,
					Array.from(target.childNodes)
						.filter((operand) => isXqx(operand))
						.map((operand) => {
							const inner = Array.from(operand.childNodes).filter((c) => c.nodeType === 1);
							if (inner.length !== 1 || !inner[0])
								throw new Error(`exact-decimal: unexpected ${operand.localName}`);
							return inner[0];
						})
				)
			: call(
					target,
					'sum',
					Array.from(
						Array.from(target.childNodes).find((c) => isXqx(c, 'arguments'))?.childNodes ?? []
					).filter((c) => c.nodeType === 1)
				);
		target.parentNode?.replaceChild(replacement, target);
	}
	return ast;
}
