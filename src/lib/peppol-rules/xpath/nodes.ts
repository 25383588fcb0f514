// Paths for the compiled rules: axes, node tests, predicates, document order, unions.
import type { Element, Node } from 'slimdom';
import { descendants, documentOrder, rootOf } from './document-index';
import { fail, isNode, isNumeric, ebv, toDouble, type Item, type Seq } from './values';

/** The focus: context item, position and size (the item is absent at the top of a function). */
export interface Focus {
	i: Item | undefined;
	p: number;
	n: number;
}

export type Axis =
	| 'child'
	| 'attribute'
	| 'descendant'
	| 'descendant-or-self'
	| 'self'
	| 'parent'
	| 'ancestor'
	| 'ancestor-or-self'
	| 'following-sibling'
	| 'preceding-sibling'
	| 'preceding';

/** A node test: a name (`uri` null: any namespace; `local` '*': any name), node() or text(). */
export type NodeTest = { uri: string | null; local: string } | 'node' | 'text';

const REVERSE = new Set<Axis>([
	'parent',
	'ancestor',
	'ancestor-or-self',
	'preceding-sibling',
	'preceding'
]);
const XMLNS = 'http://www.w3.org/2000/xmlns/';

export const item = (focus: Focus): Item =>
	focus.i ?? fail('XPDY0002', 'the context item is absent');

export function contextNode(focus: Focus): Node {
	const i = item(focus);
	return isNode(i) ? i : fail('XPTY0020', 'the context item is not a node');
}

const parentOf = (node: Node): Node | null =>
	node.nodeType === 2
		? (node as unknown as { ownerElement: Node | null }).ownerElement
		: node.parentNode;

function matches(node: Node, test: NodeTest, attributeAxis: boolean): boolean {
	if (test === 'node') return true;
	if (test === 'text') return node.nodeType === 3 || node.nodeType === 4;
	if (node.nodeType !== (attributeAxis ? 2 : 1)) return false;
	const named = node as Element;
	return (
		(test.local === '*' || named.localName === test.local) &&
		(test.uri === null || (named.namespaceURI ?? '') === test.uri)
	);
}

function subtree(node: Node, out: Node[]): void {
	for (let c = node.firstChild; c; c = c.nextSibling) {
		out.push(c);
		subtree(c, out);
	}
}

/** The nodes of an axis, in axis order (reverse axes nearest first). */
function axisNodes(node: Node, axis: Axis): Node[] {
	switch (axis) {
		case 'child': {
			const out: Node[] = [];
			for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
			return out;
		}
		case 'attribute':
			return node.nodeType === 1
				? Array.from((node as Element).attributes).filter((a) => a.namespaceURI !== XMLNS)
				: [];
		case 'descendant':
		case 'descendant-or-self': {
			const out: Node[] = axis === 'descendant' ? [] : [node];
			subtree(node, out);
			return out;
		}
		case 'self':
			return [node];
		case 'parent': {
			const p = parentOf(node);
			return p ? [p] : [];
		}
		case 'ancestor':
		case 'ancestor-or-self': {
			const out: Node[] = axis === 'ancestor' ? [] : [node];
			for (let p = parentOf(node); p; p = parentOf(p)) out.push(p);
			return out;
		}
		case 'following-sibling': {
			const out: Node[] = [];
			if (node.nodeType !== 2) for (let s = node.nextSibling; s; s = s.nextSibling) out.push(s);
			return out;
		}
		case 'preceding-sibling': {
			const out: Node[] = [];
			if (node.nodeType !== 2)
				for (let s = node.previousSibling; s; s = s.previousSibling) out.push(s);
			return out;
		}
		case 'preceding': {
			const out: Node[] = [];
			let n: Node | null = node.nodeType === 2 ? parentOf(node) : node;
			for (; n; n = n.parentNode) {
				for (let s = n.previousSibling; s; s = s.previousSibling) {
					const inner: Node[] = [s];
					subtree(s, inner);
					out.push(...inner.reverse());
				}
			}
			return out;
		}
	}
}

export type Predicate = (focus: Focus) => Seq;

/** Filters a sequence by a predicate: a single number is a position, anything else a test. */
export function filter(seq: Item[], predicate: Predicate): Item[] {
	const out: Item[] = [];
	const n = seq.length;
	for (let p = 0; p < n; p++) {
		const i = seq[p] as Item;
		const result = predicate({ i, p: p + 1, n });
		const first = result[0];
		if (result.length === 1 && first !== undefined && !isNode(first) && isNumeric(first)) {
			if (toDouble(first) === p + 1) out.push(i);
		} else if (ebv(result)) out.push(i);
	}
	return out;
}

/** Nodes in document order, without duplicates. */
export function inDocumentOrder(nodes: Node[]): Node[] {
	if (nodes.length < 2) return nodes;
	const first = nodes[0] as Node;
	const order = documentOrder(first);
	const unique = [...new Set(nodes)];
	unique.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
	return unique;
}

function nodesOf(seq: Seq, code: string): Node[] {
	for (const i of seq) if (!isNode(i)) fail(code, 'a path step from an atomic value');
	return seq as Node[];
}

/** An axis step with its predicates, from every node of `context`; document order. */
export function step(context: Seq, axis: Axis, test: NodeTest, predicates: Predicate[]): Seq {
	const nodes = nodesOf(context, 'XPTY0020');
	const attributeAxis = axis === 'attribute';
	const out: Node[] = [];
	for (const node of nodes) {
		let selected: Item[];
		if (axis === 'child' && typeof test === 'object') {
			// the commonest step: element children by name, without the text nodes between them
			selected = [];
			const { uri, local } = test;
			for (let c = (node as Element).firstElementChild ?? null; c; c = c.nextElementSibling)
				if (
					(local === '*' || c.localName === local) &&
					(uri === null || (c.namespaceURI ?? '') === uri)
				)
					selected.push(c);
		} else if (axis === 'descendant' && typeof test === 'object')
			selected = elementsBelow(node, test);
		else selected = axisNodes(node, axis).filter((n) => matches(n, test, attributeAxis));
		for (const predicate of predicates) selected = filter(selected, predicate);
		if (REVERSE.has(axis)) selected.reverse();
		for (const s of selected) out.push(s as Node);
	}
	return nodes.length > 1 ? inDocumentOrder(out) : out;
}

/** The elements below a node that pass a name test, in document order (from the index). */
function elementsBelow(node: Node, test: { uri: string | null; local: string }): Element[] {
	if (test.uri !== null && test.local !== '*') return descendants(node, test.uri, test.local);
	const all = descendants(node, '', '*');
	return test.uri === null && test.local === '*' ? all : all.filter((n) => matches(n, test, false));
}

/**
 * `descendant-or-self::node()/child::T[p]` (that is `//T[p]`): the elements named T below the
 * context, read from the document's index. A predicate that may be positional (`positional`)
 * counts among the children of one parent, as the child step does.
 */
export function descendantStep(
	context: Seq,
	test: NodeTest,
	predicates: Predicate[],
	positional = false
): Seq {
	const nodes = nodesOf(context, 'XPTY0020');
	if (typeof test !== 'object') return fail('XPST0003', 'descendantStep needs a name test');
	const out: Node[] = [];
	for (const node of nodes) {
		const below = elementsBelow(node, test);
		if (!positional) {
			let selected: Item[] = below;
			for (const predicate of predicates) selected = filter(selected, predicate);
			for (const s of selected) out.push(s as Node);
			continue;
		}
		const byParent = new Map<Node | null, Item[]>();
		for (const element of below) {
			const siblings = byParent.get(element.parentNode);
			if (siblings) siblings.push(element);
			else byParent.set(element.parentNode, [element]);
		}
		const kept = new Set<Item>();
		for (let group of byParent.values()) {
			for (const predicate of predicates) group = filter(group, predicate);
			for (const s of group) kept.add(s);
		}
		for (const element of below) if (kept.has(element)) out.push(element);
	}
	return nodes.length > 1 ? inDocumentOrder(out) : out;
}

/** `E1/E2` where E2 is not an axis step: E2 for every node of E1. */
export function path(context: Seq, right: (focus: Focus) => Seq): Seq {
	const nodes = nodesOf(context, 'XPTY0019');
	const n = nodes.length;
	const out: Item[] = [];
	for (let p = 0; p < n; p++) for (const i of right({ i: nodes[p], p: p + 1, n })) out.push(i);
	const allNodes = out.every(isNode);
	if (allNodes) return inDocumentOrder(out as Node[]);
	if (out.some(isNode)) fail('XPTY0018', 'a path ends in both nodes and atomic values');
	return out;
}

/** `E1 ! E2` */
export function map(context: Seq, right: (focus: Focus) => Seq): Seq {
	const n = context.length;
	const out: Item[] = [];
	for (let p = 0; p < n; p++) for (const i of right({ i: context[p], p: p + 1, n })) out.push(i);
	return out;
}

/** `/`: the document node the context node belongs to. */
export function root(focus: Focus): Seq {
	const top = rootOf(contextNode(focus));
	return top.nodeType === 9 ? [top] : fail('XPDY0050', 'the root is not a document node');
}

/** `E1 | E2` */
export function union(left: Seq, right: Seq): Seq {
	return inDocumentOrder([...nodesOf(left, 'XPTY0004'), ...nodesOf(right, 'XPTY0004')]);
}
