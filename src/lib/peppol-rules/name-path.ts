// Most asserts of the CEN rules (697 of 979) are `not((cac:InvoiceLine | cac:CreditNoteLine)/
// cac:AllowanceCharge/cbc:AccountingCost)`: a path of element and attribute names, no predicate,
// no function. From an element such a path cannot raise an error and its value only matters as
// "some node or none", so a few lines of JavaScript decide it exactly, without a fontoxpath
// evaluation each (about 20 µs apiece, 700 of them per document). Rule contexts that are unions
// of name steps (`cac:InvoiceLine | cac:CreditNoteLine`, `/ubl:Invoice | /cn:CreditNote`) are
// matched the same way. Anything else returns null and stays with fontoxpath.
import type { Element, Node } from 'slimdom';
import { blankNested, splitUnion } from './match-pattern';

interface NameStep {
	attribute: boolean;
	uri: string;
	local: string;
}

/** A path as the alternatives of plain step sequences: `(a | b)/c` is `a/c`, `b/c`. */
type Alternatives = NameStep[][];

type Token = '(' | ')' | '|' | '/' | '//' | { name: string; attribute: boolean };

const NAME = /^(?:[A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*/;

function tokenize(text: string): Token[] | null {
	const tokens: Token[] = [];
	for (let i = 0; i < text.length;) {
		const c = text.charAt(i);
		if (/\s/.test(c)) i++;
		else if (c === '/' && text.charAt(i + 1) === '/') {
			tokens.push('//');
			i += 2;
		} else if (c === '(' || c === ')' || c === '|' || c === '/') {
			tokens.push(c);
			i++;
		} else {
			const attribute = c === '@';
			const name = NAME.exec(text.slice(attribute ? i + 1 : i))?.[0];
			if (!name) return null;
			tokens.push({ name, attribute });
			i += name.length + (attribute ? 1 : 0);
		}
	}
	return tokens;
}

function resolve(
	token: { name: string; attribute: boolean },
	namespaces: Readonly<Record<string, string>>
): NameStep | null {
	const colon = token.name.indexOf(':');
	if (colon < 0) return { attribute: token.attribute, uri: '', local: token.name };
	const uri = namespaces[token.name.slice(0, colon)];
	return uri === undefined
		? null
		: { attribute: token.attribute, uri, local: token.name.slice(colon + 1) };
}

/** Parses `union := path ('|' path)*`, `path := ('(' union ')' | step) ('/' step)*`. */
function parseUnion(
	tokens: Token[],
	at: { i: number },
	namespaces: Readonly<Record<string, string>>
): Alternatives | null {
	const out: Alternatives = [];
	for (;;) {
		let head: Alternatives;
		const token = tokens[at.i];
		if (token === '(') {
			at.i++;
			const inner = parseUnion(tokens, at, namespaces);
			if (!inner || tokens[at.i] !== ')') return null;
			at.i++;
			head = inner;
		} else if (typeof token === 'object') {
			const step = resolve(token, namespaces);
			if (!step) return null;
			at.i++;
			head = [[step]];
		} else return null;
		while (tokens[at.i] === '/') {
			const next = tokens[at.i + 1];
			if (typeof next !== 'object') return null;
			const step = resolve(next, namespaces);
			if (!step) return null;
			at.i += 2;
			head = head.map((steps) => [...steps, step]);
		}
		out.push(...head);
		if (tokens[at.i] !== '|') return out;
		at.i++;
	}
}

const matches = (node: Node, step: NameStep): boolean =>
	(node as Element).localName === step.local && ((node as Element).namespaceURI ?? '') === step.uri;

/** True if the steps from `index` on select some node from `node`. */
function selectsFrom(node: Node, steps: NameStep[], index: number): boolean {
	const step = steps[index];
	if (!step) return true;
	if (node.nodeType !== 1) return false; // attributes have no children and no attributes
	if (step.attribute) {
		for (const attribute of (node as Element).attributes)
			if (matches(attribute, step) && selectsFrom(attribute, steps, index + 1)) return true;
		return false;
	}
	for (let c = (node as Element).firstElementChild; c; c = c.nextElementSibling)
		if (matches(c, step) && selectsFrom(c, steps, index + 1)) return true;
	return false;
}

/**
 * An assert test that is `P` or `not(P)` with P a union of relative name paths, as a function
 * giving the test's value on an element; null for any other test.
 */
export function compileNameTest(
	test: string,
	namespaces: Readonly<Record<string, string>>
): ((context: Element) => boolean) | null {
	const negated = /^\s*not\s*\(([\s\S]*)\)\s*$/.exec(test);
	const tokens = tokenize(negated ? (negated[1] ?? '') : test);
	if (!tokens || tokens.includes('//')) return null;
	const at = { i: 0 };
	const alternatives = parseUnion(tokens, at, namespaces);
	if (!alternatives || at.i !== tokens.length) return null;
	const exists = (context: Element) => alternatives.some((steps) => selectsFrom(context, steps, 0));
	return negated ? (context) => !exists(context) : exists;
}

/**
 * A rule context that is a union of name-step patterns (`a/b`, `//a`, `/a/b`: element names
 * only), as a test of one element; null for any other pattern.
 */
export function compileNamePattern(
	pattern: string,
	namespaces: Readonly<Record<string, string>>
): ((element: Element) => boolean) | null {
	const branches: { steps: NameStep[]; absolute: boolean }[] = [];
	for (const text of pattern.split('|')) {
		const tokens = tokenize(text);
		if (!tokens || tokens.length === 0) return null;
		let i = 0;
		const absolute = tokens[0] === '/';
		if (tokens[0] === '/' || tokens[0] === '//') i++;
		const steps: NameStep[] = [];
		for (; i < tokens.length; i += 2) {
			const token = tokens[i];
			if (typeof token !== 'object' || token.attribute) return null;
			const step = resolve(token, namespaces);
			if (!step) return null;
			steps.push(step);
			if (i + 1 < tokens.length && tokens[i + 1] !== '/') return null;
		}
		branches.push({ steps, absolute });
	}
	return (element) =>
		branches.some(({ steps, absolute }) => {
			let node: Node | null = element;
			for (let k = steps.length - 1; k >= 0; k--) {
				const step = steps[k];
				if (!node || node.nodeType !== 1 || !step || !matches(node, step)) return false;
				node = node.parentNode;
			}
			return !absolute || node?.nodeType === 9;
		});
}

/**
 * The element names a rule context's branches end with (`cac:TaxCategory` for
 * `cac:AllowanceCharge[...]/cac:TaxCategory[...]`), or null if a branch can end on anything else.
 * A context none of whose names occur in a document matches nothing there (a branch that would
 * raise an error matches nothing either), so it need not be evaluated.
 */
export function lastNames(
	pattern: string,
	namespaces: Readonly<Record<string, string>>
): { uri: string; local: string }[] | null {
	const names: { uri: string; local: string }[] = [];
	for (const branch of splitUnion(pattern)) {
		const path = blankNested(branch, true)
			.replace(/\[\s*\]/g, '')
			.trim();
		const last = path.slice(path.lastIndexOf('/') + 1);
		if (NAME.exec(last)?.[0] !== last) return null;
		const step = resolve({ name: last, attribute: false }, namespaces);
		if (!step) return null;
		names.push(step);
	}
	return names.length ? names : null;
}
