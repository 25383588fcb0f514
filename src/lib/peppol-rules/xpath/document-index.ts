// One JavaScript walk per document indexes its elements and attributes by name, so a scan of
// the whole document (`//cac:TaxCategory`, dozens per rule set) is a lookup. Shared by the
// fontoxpath rewrite (../path-index.ts) and the compiled rules (./nodes.ts); kept in a WeakMap,
// so it goes with the document.
import type { Document, Element, Node } from 'slimdom';

export interface DocumentIndex {
	/** by `uri local` (or `*`): the elements of that name, in document order */
	elements: Map<string, Element[]>;
	/** by `uri local`: the attributes of that name, in document order */
	attributes: Map<string, Node[]>;
	/** by memo key: the nodes of a document-wide path, or the error it raised */
	memo: Map<string, Node[] | { error: unknown }>;
	/** the position of every node in document order, built when first needed */
	order: Map<Node, number> | null;
}

const indexes = new WeakMap<Node, DocumentIndex>();
export const keyOf = (uri: string, local: string): string =>
	local === '*' ? '*' : `${uri} ${local}`;
const XMLNS = 'http://www.w3.org/2000/xmlns/';
const push = <T>(map: Map<string, T[]>, key: string, value: T): void => {
	const list = map.get(key);
	if (!list) map.set(key, [value]);
	else if (list[list.length - 1] !== value) list.push(value);
};

function buildIndex(document: Document): DocumentIndex {
	const index: DocumentIndex = {
		elements: new Map(),
		attributes: new Map(),
		memo: new Map(),
		order: null
	};
	const walk = (parent: Node): void => {
		for (let c = parent.firstChild; c; c = c.nextSibling) {
			if (c.nodeType !== 1) continue;
			const element = c as Element;
			const key = keyOf(element.namespaceURI ?? '', element.localName);
			push(index.elements, key, element);
			push(index.elements, '*', element);
			for (const attribute of Array.from(element.attributes))
				if (attribute.namespaceURI !== XMLNS)
					push(
						index.attributes,
						keyOf(attribute.namespaceURI ?? '', attribute.localName),
						attribute
					);
			walk(element);
		}
	};
	walk(document);
	return index;
}

/** The root of a node's tree (an attribute's root is its element's). */
export function rootOf(node: Node): Node {
	let root = node;
	for (;;) {
		const up: Node | null =
			root.nodeType === 2
				? (root as unknown as { ownerElement: Node | null }).ownerElement
				: root.parentNode;
		if (!up) return root;
		root = up;
	}
}

export function documentIndex(node: Node): DocumentIndex {
	const root = rootOf(node);
	if (root.nodeType !== 9)
		throw new Error('XPDY0050: the root of the context node is not a document node');
	let index = indexes.get(root);
	if (!index) {
		index = buildIndex(root as Document);
		indexes.set(root, index);
	}
	return index;
}

/** Every element of a document, in document order (read from its index). */
export function elementsOf(document: Document): Element[] {
	return documentIndex(document).elements.get('*') ?? [];
}

/** True if the document has an element named `uri local`. */
export function hasElement(document: Document, uri: string, local: string): boolean {
	return documentIndex(document).elements.has(keyOf(uri, local));
}

/** The elements named `uri local` (or `*`) below `node`, in document order. */
export function descendants(node: Node, uri: string, local: string): Element[] {
	const key = keyOf(uri, local);
	if (node.nodeType === 9) return documentIndex(node).elements.get(key) ?? [];
	const out: Element[] = [];
	const walk = (parent: Node): void => {
		for (let c = parent.firstChild; c; c = c.nextSibling) {
			if (c.nodeType !== 1) continue;
			const element = c as Element;
			if (key === '*' || keyOf(element.namespaceURI ?? '', element.localName) === key)
				out.push(element);
			walk(element);
		}
	};
	walk(node);
	return out;
}

/** The position of each node of a document in document order (attributes after their element). */
export function documentOrder(node: Node): Map<Node, number> {
	const index = documentIndex(node);
	if (index.order) return index.order;
	const order = new Map<Node, number>();
	let i = 0;
	const walk = (n: Node): void => {
		order.set(n, i++);
		if (n.nodeType === 1) for (const a of Array.from((n as Element).attributes)) order.set(a, i++);
		for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
	};
	walk(rootOf(node));
	index.order = order;
	return order;
}
