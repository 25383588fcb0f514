// Documents that make one official rule fire: a valid base document, changed the way the assert's
// own test says it can fail. Most asserts of the two rule sets have one of a few shapes, so the
// change is read from the test itself instead of being written out per rule:
//   not(P), not(P) or P = 'x'        -> P is made to exist (UBL-CR-*, UBL-DT-*: "should not include")
//   count(P) <= n                    -> P made to exist n + 1 times (UBL-SR-*)
//   string-length(substring-after(P,'.'))<=2 -> P gets three decimals (BR-DEC-*)
//   exists(P), normalize-space(P) != ''      -> P removed (BR-nn: "shall have")
// on the first of the rule's context nodes in the base document (found with fontoxpath, the
// reference engine's XPath). The rest are written out in HAND_MADE. Which base a rule needs is
// in BASES_BY_RULE (found once by trying every base; the spec proves each choice still fires).
import fontoxpath from 'fontoxpath';
import {
	parseXmlDocument,
	serializeToWellFormedString,
	type Document,
	type Element,
	type Node
} from 'slimdom';
import { patternToSelect, splitUnion } from '$lib/peppol-rules/match-pattern';
import type { AssertData, RuleData, SchematronData } from '$lib/peppol-rules/schema-data';

export interface RuleAssert extends AssertData {
	ruleset: 'cen' | 'peppol';
	rule: RuleData;
	namespaces: Record<string, string>;
}

/** Every assert of the rule sets, with the rule it belongs to. */
export function assertsOf(schemas: Readonly<Record<'cen' | 'peppol', SchematronData>>) {
	return (['cen', 'peppol'] as const).flatMap((ruleset) =>
		schemas[ruleset].patterns.flatMap((pattern) =>
			pattern.rules.flatMap((rule) =>
				rule.asserts.map((a): RuleAssert => ({
					...a,
					ruleset,
					rule,
					namespaces: schemas[ruleset].namespaces
				}))
			)
		)
	);
}

/** A path of a form this factory does not read: the mutation does not apply. */
class Unreadable extends Error {}

/** A change to a parsed document; false when it does not apply to that document. */
export type Mutation = (doc: Document, assert: RuleAssert) => boolean;

/** Splits a path at its top-level slashes ("//" stays as an empty step). */
function steps(path: string): string[] {
	const out: string[] = [];
	let depth = 0;
	let current = '';
	for (const c of path) {
		if (c === '[' || c === '(') depth++;
		if (c === ']' || c === ')') depth--;
		if (c === '/' && depth === 0) {
			out.push(current);
			current = '';
		} else current += c;
	}
	out.push(current);
	return out;
}

/** The context nodes of the assert's rule in a document (in document order). */
function contextNodes(doc: Document, assert: RuleAssert): Element[] {
	try {
		return fontoxpath
			.evaluateXPathToNodes<Node>(
				patternToSelect(assert.rule.context, { optimise: false }),
				doc,
				null,
				{},
				{ namespaceResolver: (prefix: string) => assert.namespaces[prefix] ?? null }
			)
			.filter((n): n is Element => n.nodeType === 1);
	} catch {
		return []; // a context with the rule set's variables: HAND_MADE builds those
	}
}

const nameOf = (step: string): string => step.replace(/\[.*$/s, '').trim();

/** One step's matching children (no predicates but `[name = 'value']` and `[not(name)]`). */
function childrenMatching(parent: Element, step: string, ns: Record<string, string>): Element[] {
	const [prefix = '', local = ''] = nameOf(step).split(':');
	const uri = ns[prefix];
	return Array.from(parent.children).filter(
		(c) =>
			c.localName === local &&
			c.namespaceURI === uri &&
			predicatesOf(step).every((p) => p.holds(c, ns))
	);
}

interface Predicate {
	holds(element: Element, ns: Record<string, string>): boolean;
	make(element: Element, ns: Record<string, string>): void;
}

function predicatesOf(step: string): Predicate[] {
	const out: Predicate[] = [];
	for (const m of step.matchAll(/\[([^\]]*)\]/g)) {
		const text = (m[1] ?? '').trim();
		const equal = /^([\w]+:[\w]+)\s*=\s*'([^']*)'$/.exec(text);
		if (equal) {
			const [, child = '', value = ''] = equal;
			out.push({
				holds: (e, ns) => childrenMatching(e, child, ns).some((c) => c.textContent === value),
				make: (e, ns) => {
					make(e, child, ns).textContent = value;
				}
			});
			continue;
		}
		const different = /^([\w]+:[\w]+)\s*!=\s*'[^']*' or not\(\1\)$/.exec(text);
		if (different) {
			out.push({
				holds: (e, ns) => !childrenMatching(e, different[1] ?? '', ns).length,
				make() {}
			});
			continue;
		}
		throw new Unreadable(`the predicate [${text}]`);
	}
	return out;
}

/** Appends a new element for `step` under `parent`, its predicates made true. */
function make(parent: Element, step: string, ns: Record<string, string>): Element {
	const name = nameOf(step);
	const [prefix = ''] = name.split(':');
	const element = parent.ownerDocument!.createElementNS(ns[prefix] ?? null, name);
	parent.appendChild(element);
	for (const p of predicatesOf(step)) p.make(element, ns);
	return element;
}

/**
 * Makes a relative path exist under `from` (each step reuses the first matching child, else
 * adds one); the last step is added anew `lastCount` times. Returns the last element or
 * attribute owner, or null if the path has a form this factory does not read.
 */
function ensurePath(
	from: Element,
	path: string,
	ns: Record<string, string>,
	{ lastCount = 1, value = 'XX' }: { lastCount?: number; value?: string | null } = {}
): boolean {
	let text = path.trim();
	let start = from;
	if (text.startsWith('//')) {
		start = from.ownerDocument!.documentElement!;
		text = text.slice(2);
	}
	const union = /^\(([^()]*)\)(\/.*)?$/.exec(text);
	if (union) {
		// (cac:InvoiceLine | cac:CreditNoteLine)/...: the branch the document type has
		const branches = splitUnion(union[1] ?? '');
		const branch =
			branches.find((b) => childrenMatching(start, b, ns).length) ??
			branches.find((b) => b.includes(start.localName)) ??
			branches[0] ??
			'';
		text = branch + (union[2] ?? '');
	}
	const parts = steps(text);
	let node = start;
	for (const [i, step] of parts.entries()) {
		if (step === '..') {
			if (node.parentElement) node = node.parentElement;
			continue;
		}
		if (!/^@?[\w]+(:[\w]+)?(\[[^\]]*\])*$/.test(step.trim())) return false;
		const last = i === parts.length - 1;
		if (step.startsWith('@')) {
			if (!last) return false;
			node.setAttribute(step.slice(1), value ?? '');
			return true;
		}
		if (last) {
			for (let k = 0; k < lastCount; k++) {
				const element = make(node, step, ns);
				if (value !== null) element.textContent = value;
			}
			return true;
		}
		node = childrenMatching(node, step, ns)[0] ?? make(node, step, ns);
	}
	return true;
}

/** Removes the last step of a relative path under `from`; false if nothing was there. */
function removePath(from: Element, path: string, ns: Record<string, string>): boolean {
	const parts = steps(path.trim());
	let nodes = [from];
	for (const [i, step] of parts.entries()) {
		if (!/^@?[\w]+:?[\w]*(\[[^\]]*\])*$/.test(step.trim())) return false;
		if (step.startsWith('@')) {
			const owners = nodes.filter((n) => n.hasAttribute(step.slice(1)));
			for (const n of owners) n.removeAttribute(step.slice(1));
			return owners.length > 0;
		}
		const next = nodes.flatMap((n) => childrenMatching(n, step, ns));
		if (i === parts.length - 1) {
			for (const n of next) n.parentNode?.removeChild(n);
			return next.length > 0;
		}
		nodes = next;
	}
	return false;
}

const squash = (test: string) => test.replace(/\s+/g, ' ').trim();

/** The change read from the assert's test, or null for a test of another shape. */
export function derivedMutation(assert: RuleAssert): Mutation | null {
	const test = squash(assert.test);
	const onContext =
		(change: (context: Element, ns: Record<string, string>, made: boolean) => boolean): Mutation =>
		(doc, a) => {
			const [context] = contextNodes(doc, a);
			if (context) return change(context, a.namespaces, false);
			// a context the base lacks (cac:TaxRepresentativeParty): made, if it is a plain path
			const root = doc.documentElement;
			const [branch] = splitUnion(a.rule.context);
			if (!root || !branch || !ensurePath(root, branch, a.namespaces, { value: null }))
				return false;
			const [made] = contextNodes(doc, a);
			return made ? change(made, a.namespaces, true) : false;
		};
	let m = /^not\(([^()]*(?:\([^()]*\)[^()]*)?)\)$/.exec(test);
	if (m) return onContext((c, ns) => ensurePath(c, m![1] ?? '', ns));
	m = /^not\(([\w:/]+)\) or \1 = '[^']*'$/.exec(test);
	if (m) return onContext((c, ns) => ensurePath(c, m![1] ?? '', ns, { value: 'XX' }));
	m = /^\(?count\(([^()]*(?:\[[^\]]*\])?[^()]*)\) ?<= ?(\d)\)?$/.exec(test);
	if (m) {
		const path = m[1] ?? '';
		const count = Number(m[2]) + 1;
		return onContext((c, ns) => ensurePath(c, path, ns, { lastCount: count }));
	}
	m = /^string-length\(substring-after\(([\w:/@]+),'\.'\)\) ?<= ?2$/.exec(test);
	if (m) return onContext((c, ns) => setDecimals(c, m![1] ?? '', ns));
	m = /^exists\(([\w:/@]+)\)$/.exec(test) ?? /^normalize-space\(([\w:/@]+)\) ?!= ?''$/.exec(test);
	// on a context made for the purpose, the path is absent already
	if (m) return onContext((c, ns, made) => removePath(c, m![1] ?? '', ns) || made);
	return null;
}

/** Gives the element at `path` under `from` an amount with three decimals. */
function setDecimals(from: Element, path: string, ns: Record<string, string>): boolean {
	let nodes = [from];
	for (const step of steps(path)) nodes = nodes.flatMap((n) => childrenMatching(n, step, ns));
	const [target] = nodes;
	if (!target) return ensurePath(from, path, ns, { value: '1.001' });
	target.textContent = '1.001';
	return true;
}

/** Applies mutations to a copy of `xml`; returns null if one did not apply. */
export function mutated(
	xml: string,
	changes: readonly { assert: RuleAssert; mutation: Mutation }[]
): string | null {
	const doc = parseXmlDocument(xml);
	try {
		for (const { assert, mutation } of changes) if (!mutation(doc, assert)) return null;
	} catch (e) {
		if (e instanceof Unreadable) return null;
		throw e;
	}
	return serializeToWellFormedString(doc);
}

/**
 * A change found by trying (tests/factories/rule-mutation-search.ts): at the element with that
 * location (as findings give it), `remove` it, `repeat` it, set its `text`, set (`@name`) or
 * remove (`-@name`) an attribute, or append a child (`+cbc:Name`) with that text.
 */
export type Edit = readonly [
	kind: 'remove' | 'repeat' | 'text' | `@${string}` | `-@${string}` | `+${string}`,
	at: string,
	value?: string
];

const UBL_NS: Readonly<Record<string, string>> = {
	cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
	cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2'
};

/** The element at a location such as /Invoice[1]/cac:Party[1]/cbc:ID[2]. */
export function elementAt(doc: Document, location: string): Element | null {
	let node: Element | Document = doc;
	for (const step of location.split('/').slice(1)) {
		const m = /^(.+)\[(\d+)\]$/.exec(step);
		if (!m) return null;
		const named: Element[] = Array.from(node.children).filter((c) => c.nodeName === m[1]);
		const next = named[Number(m[2]) - 1];
		if (!next) return null;
		node = next;
	}
	return node === doc ? null : (node as Element);
}

/** Applies one edit; false if its element is not in the document. */
export function applyEdit(doc: Document, [kind, at, value = '']: Edit): boolean {
	const element = elementAt(doc, at);
	if (!element) return false;
	if (kind === 'remove') element.parentNode?.removeChild(element);
	else if (kind === 'repeat') element.after(element.cloneNode(true));
	else if (kind === 'text') element.textContent = value;
	else if (kind.startsWith('+')) {
		const name = kind.slice(1);
		const child = doc.createElementNS(UBL_NS[name.split(':')[0] ?? ''] ?? null, name);
		child.textContent = value;
		element.appendChild(child);
	} else if (kind.startsWith('-@')) element.removeAttribute(kind.slice(2));
	else element.setAttribute(kind.slice(1), value);
	return true;
}

/** A mutation made of edits found by the search. */
export const editing =
	(edits: readonly Edit[]): Mutation =>
	(doc) =>
		edits.every((edit) => applyEdit(doc, edit));

/** A document made to fire `targets` (the asserts its changes aimed at and the engine found). */
export interface RuleMutationDocument {
	name: string;
	xml: string;
	targets: string[];
}

/**
 * Documents that fire as many asserts as the changes reach: every derived change and every
 * searched edit, first many to a document, then the ones another change hid in smaller groups,
 * last one by one. `fired` gives the ids of a document's findings (the fast engine's, cheap);
 * the spec then holds both engines to identical findings on each document.
 */
export function ruleMutationDocuments(
	asserts: readonly RuleAssert[],
	bases: Readonly<Record<string, string>>,
	edits: readonly (readonly [id: string, base: string, edits: readonly Edit[]])[],
	fired: (xml: string) => Set<string>
): RuleMutationDocument[] {
	const byId = new Map(asserts.map((a) => [a.id, a]));
	const changes = new Map<string, { assert: RuleAssert; mutation: Mutation; base?: string }>();
	for (const a of asserts) {
		const mutation = derivedMutation(a);
		if (mutation) changes.set(a.id, { assert: a, mutation });
	}
	for (const [id, base, list] of edits) {
		const assert = byId.get(id);
		if (assert && !changes.has(id)) changes.set(id, { assert, mutation: editing(list), base });
	}
	const pending = new Set(changes.keys());
	const documents: RuleMutationDocument[] = [];
	for (const size of [60, 8, 1]) {
		for (const [base, xml] of Object.entries(bases)) {
			const here = [...pending].filter((id) => (changes.get(id)?.base ?? base) === base);
			for (let i = 0; i < here.length; i += size) {
				const doc = parseXmlDocument(xml);
				const applied: string[] = [];
				for (const id of here.slice(i, i + size)) {
					const change = changes.get(id);
					try {
						if (change && change.mutation(doc, change.assert)) applied.push(id);
					} catch (e) {
						if (!(e instanceof Unreadable)) throw e;
					}
				}
				if (!applied.length || !doc.documentElement) continue;
				const text = serializeToWellFormedString(doc);
				const found = fired(text);
				const targets = applied.filter((id) => found.has(id));
				if (!targets.length) continue;
				for (const id of targets) pending.delete(id);
				const first = targets[0] ?? '';
				const name = targets.length > 1 ? `${first} and ${targets.length - 1} more` : first;
				documents.push({ name: `${base}: ${name}`, xml: text, targets });
			}
		}
	}
	return documents;
}
