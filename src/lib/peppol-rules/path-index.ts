// The rules scan the whole document again and again: `//cac:TaxCategory[...]` in dozens of
// document-level asserts, `descendant::cbc:Amount` in every rule context. fontoxpath walks the
// tree for each of them (about 30 ms a walk for a 200-line invoice). One walk in JavaScript
// instead indexes a document's elements by name, and the parsed expressions are rewritten to
// read from that index, with the same nodes in the same (document) order:
//   * `//n[p]` (root, descendant-or-self::node(), child::n[p]) becomes `parents(., n)/n[p]`,
//     where `parents` gives every node with a child element `n`: exactly the nodes whose
//     child step can select something, so predicates, positional ones too, keep their meaning;
//   * a path's first step `descendant::n[p]` becomes `descendants(., n)[p]`: the descendant
//     axis is in document order, as the sequence is, so positions are the same.
// `n` may be `*`. The index is built once per document (a WeakMap, so it goes with it).
import type { Options } from 'fontoxpath';
import { serializeToWellFormedString, type Element, type Node } from 'slimdom';
import { fontoxpath } from './fontoxpath';
import { descendants, documentIndex, keyOf } from './xpath/document-index';

export { elementsOf, hasElement } from './xpath/document-index';

export const INDEX_NS = 'urn:billfold:peppol-rules:path-index';
const INDEX_PREFIX = 'billfold-index';
const XQX = 'http://www.w3.org/2005/XQueryX';

/** A path whose value depends on the document alone, as a query of its own (see `memoize`). */
interface MemoQuery {
	query: Element;
	options: Options;
}
const memoQueries = new Map<string, MemoQuery>();

// fontoxpath's function registry is process-wide and refuses a second registration.
const REGISTERED = Symbol.for('billfold.peppol-rules.path-index');
type Holder = { [REGISTERED]?: true };

/** Registers the index functions with fontoxpath, once per process. */
export function registerPathIndex(): void {
	const holder = fontoxpath() as unknown as Holder;
	if (holder[REGISTERED]) return;
	fontoxpath().registerCustomXPathFunction(
		{ namespaceURI: INDEX_NS, localName: 'elements' },
		['node()', 'xs:string', 'xs:string'],
		'element()*',
		(_: unknown, node: Node, uri: string, local: string) =>
			documentIndex(node).elements.get(keyOf(uri, local)) ?? []
	);
	fontoxpath().registerCustomXPathFunction(
		{ namespaceURI: INDEX_NS, localName: 'attributes' },
		['node()', 'xs:string', 'xs:string'],
		'attribute()*',
		(_: unknown, node: Node, uri: string, local: string) =>
			documentIndex(node).attributes.get(keyOf(uri, local)) ?? []
	);
	fontoxpath().registerCustomXPathFunction(
		{ namespaceURI: INDEX_NS, localName: 'has' },
		['item()', 'xs:string', 'xs:string', 'xs:string'],
		'xs:boolean',
		(_: unknown, item: unknown, kind: string, uri: string, local: string) => {
			// not a node: the guarded path runs and raises its own error
			if (typeof item !== 'object' || item === null || !('nodeType' in item)) return true;
			const index = documentIndex(item as Node);
			return (kind === 'attribute' ? index.attributes : index.elements).has(keyOf(uri, local));
		}
	);
	fontoxpath().registerCustomXPathFunction(
		{ namespaceURI: INDEX_NS, localName: 'descendants' },
		['node()', 'xs:string', 'xs:string'],
		'element()*',
		(_: unknown, node: Node, uri: string, local: string) => descendants(node, uri, local)
	);
	fontoxpath().registerCustomXPathFunction(
		{ namespaceURI: INDEX_NS, localName: 'memo' },
		['node()', 'xs:string'],
		'node()*',
		(_: unknown, node: Node, key: string) => {
			const { memo } = documentIndex(node);
			let value = memo.get(key);
			if (!value) {
				const entry = memoQueries.get(key);
				if (!entry) throw new Error(`path-index: unknown memo ${key}`);
				let root = node;
				while (root.parentNode) root = root.parentNode;
				try {
					value = fontoxpath().evaluateXPathToNodes<Node>(
						entry.query,
						root,
						null,
						{},
						entry.options
					);
				} catch (error) {
					value = { error };
				}
				memo.set(key, value);
			}
			if ('error' in value) throw value.error;
			return value;
		}
	);
	holder[REGISTERED] = true;
}

const isXqx = (n: Node | null | undefined, local?: string): n is Element =>
	!!n &&
	n.nodeType === 1 &&
	(n as Element).namespaceURI === XQX &&
	(!local || (n as Element).localName === local);
const elementChildren = (n: Node): Element[] =>
	Array.from(n.childNodes).filter((c): c is Element => c.nodeType === 1);

/** `[uri, local]` of a step's name test (`*` for a wildcard), or null for any other test. */
function nameOf(
	step: Element,
	namespaces: Readonly<Record<string, string>>
): [string, string] | null {
	const test = elementChildren(step)[1];
	if (isXqx(test, 'Wildcard') && elementChildren(test).length === 0) return ['', '*'];
	if (!isXqx(test, 'nameTest')) return null;
	const prefix = test.getAttributeNS(XQX, 'prefix') ?? '';
	// no default element namespace is declared; an undeclared prefix is left to fontoxpath
	const uri = test.getAttributeNS(XQX, 'URI') ?? (prefix === '' ? '' : namespaces[prefix]);
	return uri === undefined ? null : [uri, test.textContent ?? ''];
}

function axisOf(step: Node | undefined): string | null {
	if (!step || !isXqx(step, 'stepExpr')) return null;
	const axis = elementChildren(step)[0];
	return isXqx(axis, 'xpathAxis') ? axis.textContent : null;
}

/** `billfold-index:name(., ...strings)` */
function indexCall(at: Element, name: string, strings: string[]): Element {
	const doc = at.ownerDocument;
	if (!doc) throw new Error('path-index: a detached XQueryX node');
	const make = (local: string) => doc.createElementNS(XQX, `xqx:${local}`);
	const literal = (value: string) => {
		const constant = make('stringConstantExpr');
		const v = make('value');
		v.appendChild(doc.createTextNode(value));
		constant.appendChild(v);
		return constant;
	};
	const functionName = make('functionName');
	functionName.setAttributeNS(XQX, 'xqx:prefix', INDEX_PREFIX);
	functionName.setAttributeNS(XQX, 'xqx:URI', INDEX_NS);
	functionName.appendChild(doc.createTextNode(name));
	const args = make('arguments');
	args.append(make('contextItemExpr'), ...strings.map(literal));
	const call = make('functionCallExpr');
	call.append(functionName, args);
	return call;
}

/** `<stepExpr><filterExpr>billfold-index:name(., uri, local)</filterExpr></stepExpr>` */
function indexStep(at: Element, name: string, [uri, local]: [string, string]): Element {
	const doc = at.ownerDocument;
	if (!doc) throw new Error('path-index: a detached XQueryX node');
	const make = (local: string) => doc.createElementNS(XQX, `xqx:${local}`);
	const call = indexCall(at, name, [uri, local]);
	const filter = make('filterExpr');
	filter.appendChild(call);
	const step = make('stepExpr');
	step.appendChild(filter);
	return step;
}

const BOOLEAN_OPERATORS = new Set([
	'equalOp',
	'notEqualOp',
	'lessThanOp',
	'lessThanOrEqualOp',
	'greaterThanOp',
	'greaterThanOrEqualOp',
	'eqOp',
	'neOp',
	'ltOp',
	'leOp',
	'gtOp',
	'geOp',
	'isOp',
	'nodeBeforeOp',
	'nodeAfterOp',
	'andOp',
	'orOp',
	'quantifiedExpr',
	'instanceOfExpr',
	'castableExpr'
]);
const BOOLEAN_FUNCTIONS = new Set([
	'not',
	'exists',
	'empty',
	'boolean',
	'true',
	'false',
	'starts-with',
	'ends-with',
	'contains',
	'matches'
]);
const FN = 'http://www.w3.org/2005/xpath-functions';

/** The fn: function a call names, or null for another namespace. */
function fnName(call: Element): string | null {
	const name = elementChildren(call).find((c) => isXqx(c, 'functionName'));
	if (!name) return null;
	const uri = name.getAttributeNS(XQX, 'URI');
	const prefix = name.getAttributeNS(XQX, 'prefix') ?? '';
	return uri === FN || (uri === null && (prefix === '' || prefix === 'fn'))
		? (name.textContent ?? '')
		: null;
}

/**
 * True if a predicate can never be positional: its value is a boolean or a sequence of nodes
 * (never a number), and nothing in it asks for position() or last(). Such a predicate selects
 * the same nodes whether it filters each parent's children or all the document's elements.
 */
function isNonPositional(predicate: Element): boolean {
	let positional = false;
	const walk = (n: Node): void => {
		if (isXqx(n, 'functionCallExpr')) {
			const name = fnName(n);
			if (name === 'position' || name === 'last') positional = true;
		}
		for (let c = n.firstChild; c && !positional; c = c.nextSibling) walk(c);
	};
	walk(predicate);
	if (positional) return false;
	const kind = predicate.localName;
	if (BOOLEAN_OPERATORS.has(kind)) return true;
	if (kind === 'functionCallExpr') return BOOLEAN_FUNCTIONS.has(fnName(predicate) ?? '');
	if (kind === 'pathExpr') {
		return elementChildren(predicate).every(
			(step, i) => (i === 0 && isXqx(step, 'rootExpr')) || axisOf(step) !== null
		);
	}
	return false;
}

/**
 * Rewrites whole-document scans in a parsed (XQueryX) expression to index look-ups, in place.
 * `namespaces`: the prefixes the expression's prolog declares (the parser leaves them unresolved).
 */
export function rewritePathIndex(
	ast: Element,
	namespaces: Readonly<Record<string, string>>,
	options: Options
): Element {
	const paths: Element[] = [];
	const walk = (n: Node): void => {
		if (isXqx(n, 'pathExpr')) paths.push(n);
		for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
	};
	walk(ast);
	for (const path of paths) {
		const [first, second, third] = elementChildren(path);
		if (!first || !second) continue;
		// `//n[p]`: root, descendant-or-self::node(), child::n[p] with p never positional
		const descendantOrSelf =
			isXqx(first, 'rootExpr') &&
			axisOf(second) === 'descendant-or-self' &&
			elementChildren(second).length === 2 &&
			isXqx(elementChildren(second)[1] ?? null, 'anyKindTest') &&
			third !== undefined &&
			(axisOf(third) === 'child' || axisOf(third) === 'attribute') &&
			elementChildren(third)
				.slice(2)
				.every((predicates) => elementChildren(predicates).every(isNonPositional));
		// `/descendant::n[p]`
		const rootDescendant = isXqx(first, 'rootExpr') && axisOf(second) === 'descendant';
		const step = descendantOrSelf ? third : rootDescendant ? second : first;
		if (!descendantOrSelf && !rootDescendant && axisOf(first) !== 'descendant') continue;
		const name = step && nameOf(step, namespaces);
		if (!step || !name) continue;
		if (name[1] === '*' && step === third && axisOf(third) === 'attribute') continue;
		const indexed = indexStep(
			path,
			step === third && axisOf(third) === 'attribute'
				? 'attributes'
				: descendantOrSelf || rootDescendant
					? 'elements'
					: 'descendants',
			name
		);
		for (const predicates of elementChildren(step).slice(2)) indexed.appendChild(predicates);
		path.insertBefore(indexed, first);
		for (const replaced of descendantOrSelf
			? [first, second, step]
			: rootDescendant
				? [first, step]
				: [step])
			path.removeChild(replaced);
	}
	// inner paths first, so an outer path's query reads the inner one's memo
	for (const path of [...paths].reverse()) if (path.parentNode) memoize(ast, path, options);
	const guarded = new Set<Node>();
	for (const path of paths) {
		let inside = false;
		for (let a = path.parentNode; a && !inside; a = a.parentNode) inside = guarded.has(a);
		if (!inside && path.parentNode && guard(path, namespaces)) guarded.add(path);
	}
	return ast;
}

const PURE_PATH = new Set([
	'pathExpr',
	'stepExpr',
	'xpathAxis',
	'nameTest',
	'Wildcard',
	'anyKindTest',
	'rootExpr',
	'contextItemExpr',
	'filterExpr',
	'sequenceExpr',
	'unionOp',
	'firstOperand',
	'secondOperand'
]);

/**
 * A path of name steps only (no predicate, no function, no variable), such as the hundreds of
 * `not((cac:InvoiceLine | cac:CreditNoteLine)/cac:AllowanceCharge/cbc:AccountingCost)` asserts,
 * can only select nodes with its last step's name: when the document has none, it is empty, and
 * `if (has(., name)) then path else ()` skips the walk. Such a path raises no error a skipped
 * walk would hide (a context item that is not a node makes `has` true, so the path runs).
 */
function guard(path: Element, namespaces: Readonly<Record<string, string>>): boolean {
	const steps = elementChildren(path);
	const last = steps[steps.length - 1];
	const axis = axisOf(last);
	if (!last || !(axis === 'child' || axis === 'descendant' || axis === 'attribute')) return false;
	const name = nameOf(last, namespaces);
	if (!name || name[1] === '*') return false;
	let pure = true;
	const walk = (n: Element): void => {
		if (!isXqx(n) || !PURE_PATH.has(n.localName)) pure = false;
		for (const c of elementChildren(n)) if (pure) walk(c);
	};
	walk(path);
	if (!pure) return false;
	const doc = path.ownerDocument;
	if (!doc) throw new Error('path-index: a detached XQueryX node');
	const make = (local: string) => doc.createElementNS(XQX, `xqx:${local}`);
	const ifThenElse = make('ifThenElseExpr');
	const ifClause = make('ifClause');
	const thenClause = make('thenClause');
	const elseClause = make('elseClause');
	path.parentNode?.replaceChild(ifThenElse, path);
	ifClause.appendChild(
		indexCall(path, 'has', [axis === 'attribute' ? 'attribute' : 'element', ...name])
	);
	thenClause.appendChild(path);
	elseClause.appendChild(make('sequenceExpr'));
	ifThenElse.append(ifClause, thenClause, elseClause);
	return true;
}

const isIndexStep = (step: Element, name: string): boolean => {
	const filter = elementChildren(step)[0];
	const call = filter && isXqx(filter, 'filterExpr') ? elementChildren(filter)[0] : undefined;
	const functionName =
		call && isXqx(call, 'functionCallExpr') ? elementChildren(call)[0] : undefined;
	return (
		functionName !== undefined &&
		functionName.getAttributeNS(XQX, 'URI') === INDEX_NS &&
		functionName.textContent === name
	);
};

/**
 * A path from the root (`//n[p]/m`, `/*\/n[p]`) that refers to no variable has one value per
 * document, yet the rules evaluate the same ones again and again (`//cac:TaxCategory[VAT]/cbc:ID`
 * in dozens of asserts, per context node). Such a path becomes `memo(., key)`, which evaluates
 * it as a query of its own once per document. Only paths of axis steps (nodes) qualify.
 */
function memoize(ast: Element, path: Element, options: Options): void {
	const steps = elementChildren(path);
	const first = steps[0];
	if (!first) return;
	const fromRoot = isXqx(first, 'rootExpr') || isIndexStep(first, 'elements');
	if (!fromRoot) return;
	if (!steps.every((step, i) => i === 0 || axisOf(step) !== null)) return;
	let free = false;
	let costly = isIndexStep(first, 'elements');
	const walk = (n: Node): void => {
		if (isXqx(n, 'varRef') || (isXqx(n, 'functionCallExpr') && fnName(n) === 'current'))
			free = true;
		if (isXqx(n, 'predicates')) costly = true;
		for (let c = n.firstChild; c && !free; c = c.nextSibling) walk(c);
	};
	walk(path);
	if (free || !costly) return;
	const prolog = elementChildren(ast)
		.flatMap((module) => elementChildren(module))
		.find((c) => isXqx(c, 'prolog'));
	const key =
		(prolog ? serializeToWellFormedString(prolog) : '') + serializeToWellFormedString(path);
	if (!memoQueries.has(key)) {
		const doc = ast.ownerDocument;
		if (!doc) throw new Error('path-index: a detached XQueryX node');
		const query = doc.createElementNS(XQX, 'xqx:module');
		const main = doc.createElementNS(XQX, 'xqx:mainModule');
		const body = doc.createElementNS(XQX, 'xqx:queryBody');
		body.appendChild(path.cloneNode(true));
		if (prolog) main.appendChild(prolog.cloneNode(true));
		main.appendChild(body);
		query.appendChild(main);
		memoQueries.set(key, { query, options });
	}
	path.parentNode?.replaceChild(indexCall(path, 'memo', [key]), path);
}
