// Turns the XSLT match patterns of Schematron rule contexts into expressions that select every
// matching node from the document node, without re-evaluating the pattern from every node.

/** Split an XPath expression at top-level '|' (outside brackets, parentheses and literals). */
export function splitUnion(text: string): string[] {
	const out: string[] = [];
	let depth = 0;
	let quote: string | null = null;
	let current = '';
	for (let i = 0; i < text.length; i++) {
		const c = text.charAt(i);
		if (quote) {
			current += c;
			if (c === quote) quote = null;
			continue;
		}
		if (c === '"' || c === "'") {
			quote = c;
			current += c;
			continue;
		}
		if (c === '[' || c === '(' || c === '{') depth++;
		else if (c === ']' || c === ')' || c === '}') depth--;
		if (c === '|' && depth === 0 && text[i + 1] !== '|' && text[i - 1] !== '|') {
			out.push(current.trim());
			current = '';
			continue;
		}
		current += c;
	}
	out.push(current.trim());
	return out.filter(Boolean);
}

/** Index of the bracket or parenthesis closing the one opened at text[open] (literals skipped), or -1. */
function closing(text: string, open: number, brackets: boolean): number {
	let depth = 0;
	let quote: string | null = null;
	for (let i = open; i < text.length; i++) {
		const c = text.charAt(i);
		if (quote) {
			if (c === quote) quote = null;
			continue;
		}
		if (c === '"' || c === "'") quote = c;
		else if (c === '(' || (brackets && c === '[')) depth++;
		else if ((c === ')' || (brackets && c === ']')) && --depth === 0) return i;
	}
	return -1;
}

/** True if a pattern branch selects from the root: `/a`, `//a`, `(/a | /b)[p]`. */
function isAbsolute(branch: string): boolean {
	const b = branch.trim();
	if (b.startsWith('/')) return true;
	if (b.startsWith('(')) {
		const close = closing(b, 0, false);
		return close > 0 && splitUnion(b.slice(1, close)).every(isAbsolute);
	}
	return false;
}

/** Top-level text of an expression (nested brackets and literals blanked out). */
function topLevel(text: string): string {
	let out = '';
	let depth = 0;
	let quote: string | null = null;
	for (const c of text) {
		if (quote) {
			if (c === quote) quote = null;
			out += ' ';
			continue;
		}
		if (c === '"' || c === "'") {
			quote = c;
			out += ' ';
			continue;
		}
		if (c === '[' || c === '(') depth++;
		out += depth ? ' ' : c;
		if (c === ']' || c === ')') depth--;
	}
	return out;
}

const BOOLEAN_FUNCTION =
	/^\s*(not|exists|empty|boolean|true|false|starts-with|ends-with|contains|matches)\s*\(/;

/** True if a predicate can only be a boolean test (never a number, so never positional). */
function isBooleanPredicate(predicate: string): boolean {
	if (/\b(position|last)\s*\(/.test(predicate)) return false;
	const top = topLevel(predicate);
	if (/!?=|<|>|\b(and|or|eq|ne|lt|le|gt|ge|is|instance\s+of|castable\s+as)\b/.test(top))
		return true;
	// a relative path of name tests only (`cac:TaxSubtotal`, `cac:A/@b`): a node sequence
	if (/^\s*@?[A-Za-z_*][\w.:*-]*(\s*\/\s*@?[A-Za-z_*][\w.:*-]*)*\s*$/.test(predicate)) return true;
	const call = BOOLEAN_FUNCTION.exec(predicate);
	return (
		call !== null &&
		closing(predicate, predicate.indexOf('(', call.index), true) === predicate.trimEnd().length - 1
	);
}

/** `//a[p]/b` is the cheaper `descendant::a[p]/b` when the first step is a plain element name
 *  test whose predicates are not positional; null when that is not certain. */
function descendantForm(branch: string): string | null {
	const name = /^(?:[A-Za-z_][\w.-]*:)?(?:[A-Za-z_][\w.-]*|\*)/.exec(branch);
	if (!name) return null;
	let rest = branch.slice(name[0].length);
	if (/^\s*(\(|::)/.test(rest)) return null; // a function call or an explicit axis
	while (rest.startsWith('[')) {
		const close = closing(rest, 0, true);
		if (close < 0 || !isBooleanPredicate(rest.slice(1, close))) return null;
		rest = rest.slice(close + 1);
	}
	return rest === '' || rest.startsWith('/') ? `descendant::${branch}` : null;
}

/** `text` with the inside of brackets (and of parentheses, unless `keepParens`) and literals
 *  blanked out, one character for one, so indexes still point into `text`; the outermost
 *  brackets themselves stay. */
export function blankNested(text: string, keepParens = false): string {
	let out = '';
	let depth = 0;
	let quote: string | null = null;
	for (let i = 0; i < text.length; i++) {
		const c = text.charAt(i);
		if (quote) {
			if (c === quote) quote = null;
			out += ' ';
			continue;
		}
		if (c === '"' || c === "'") {
			quote = c;
			out += ' ';
			continue;
		}
		if (c === '[' || (!keepParens && c === '(')) {
			out += depth++ ? ' ' : c;
			continue;
		}
		if (c === ']' || (!keepParens && c === ')')) {
			out += --depth ? ' ' : c;
			continue;
		}
		out += depth ? ' ' : c;
	}
	return out;
}

const LITERAL = /^('[^']*'|"[^"]*"|\d+(\.\d+)?)$/;
const VARIABLE = /^\$[A-Za-z_][\w.-]*$/;
const COMPARISON = /(!=|<=|>=|=|<|>|(?<![\w.:-])(?:eq|ne|lt|le|gt|ge)(?![\w.:-]))/g;

/** A path from the root made of steps and predicates only (`//a/b[c = 'x']`, `/*\/d`). */
function isAbsolutePath(text: string): boolean {
	if (!text.startsWith('/')) return false;
	const steps = blankNested(text, true)
		.replace(/\[\s*\]/g, '')
		.replace(/\s*\/\s*/g, '/')
		.trim();
	return /^\/[\w.:*@/-]*$/.test(steps);
}

/**
 * True if a predicate conjunct has the same value for every node of the document: a path from
 * the root used as a test, or a comparison between variables (schema-level lets), literals and
 * paths from the root. Bare variables and literals are not: `[$n]` and `[1]` may be positional.
 */
function isDocumentConstant(conjunct: string): boolean {
	let text = conjunct.trim();
	while (text.startsWith('(') && closing(text, 0, true) === text.length - 1)
		text = text.slice(1, -1).trim();
	if (/\b(position|last|current)\s*\(/.test(text) || /(^|[^\w$])\.(?![\w.])/.test(text))
		return false;
	const top = blankNested(text);
	const operators = [...top.matchAll(COMPARISON)];
	if (operators.length === 0) return isAbsolutePath(text);
	if (operators.length > 1) return false;
	const at = operators[0]?.index ?? 0;
	const sides = [text.slice(0, at), text.slice(at + (operators[0]?.[0].length ?? 1))].map((side) =>
		side.trim()
	);
	return sides.every((side) => LITERAL.test(side) || VARIABLE.test(side) || isAbsolutePath(side));
}

/** The conjuncts of a predicate (split at top-level `and`), or null when it has a top-level `or`. */
function conjunctsOf(predicate: string): string[] | null {
	const top = blankNested(predicate);
	if (/(?<![\w.:$-])or(?![\w.:-])/.test(top)) return null;
	const parts: string[] = [];
	let last = 0;
	for (const m of top.matchAll(/(?<![\w.:$-])and(?![\w.:-])/g)) {
		parts.push(predicate.slice(last, m.index));
		last = (m.index ?? 0) + 3;
	}
	parts.push(predicate.slice(last));
	return parts.map((part) => part.trim());
}

/**
 * Moves the predicate conjuncts that are the same for every node out of the pattern:
 * `//cac:TaxCategory[//cac:AccountingSupplierParty/cac:Party[...] and cbc:ID = 'S']` tests the
 * supplier once per document instead of once per tax category (a full scan each: quadratic).
 * Returns the tests and the branch without them.
 */
export function hoistDocumentTests(branch: string): { tests: string[]; rest: string } {
	const tests: string[] = [];
	let rest = '';
	const top = blankNested(branch, true);
	let from = 0;
	for (let i = 0; i < branch.length; i++) {
		if (top.charAt(i) !== '[') continue;
		const close = closing(branch, i, true);
		if (close < 0) return { tests: [], rest: branch };
		const predicate = branch.slice(i + 1, close);
		const parts = conjunctsOf(predicate) ?? [predicate];
		rest += branch.slice(from, i);
		from = close + 1;
		i = close;
		// Among several conjuncts a bare variable is a boolean test too (`and` makes it one).
		const constant = (part: string) =>
			isDocumentConstant(part) || (parts.length > 1 && VARIABLE.test(part));
		const kept = parts.filter((part) => !constant(part));
		tests.push(...parts.filter(constant));
		if (kept.length)
			rest += kept.length === parts.length ? `[${predicate}]` : `[${kept.join(' and ')}]`;
	}
	rest += branch.slice(from);
	return { tests, rest };
}

/**
 * An XSLT match pattern as an expression selecting all matching nodes from the document node:
 * `a/b[p] | /c` becomes `descendant::a/b[p] | /c`, the same node set as `//(a/b[p] | /c)`,
 * which would re-evaluate every branch from every node (quadratic in the document size).
 * Predicate tests that are the same for every node are tested once (`hoistDocumentTests`), and
 * plain `descendant::name` branches share one walk. `optimise: false` keeps the plain form, for
 * the spec that proves both select the same nodes.
 */
export function patternToSelect(pattern: string, { optimise = true } = {}): string {
	const selects = splitUnion(pattern.trim()).map((branch) => {
		const { tests, rest: b } = optimise ? hoistDocumentTests(branch) : { tests: [], rest: branch };
		const select = b.startsWith('//')
			? (descendantForm(b.slice(2)) ?? b)
			: isAbsolute(b)
				? b
				: (descendantForm(b) ?? '//' + b);
		return tests.length
			? `(if (${tests.map((test) => `(${test})`).join(' and ')}) then (${select}) else ())`
			: `(${select})`;
	});
	// `descendant::a | descendant::b | ...` walks the document once per name; one walk that tests
	// every name selects the same nodes in the same (document) order.
	const names = selects.flatMap((select) => NAME_ONLY.exec(select)?.[1] ?? []);
	if (!optimise || names.length < 2) return selects.join(' | ');
	const others = selects.filter((select) => !NAME_ONLY.test(select));
	const merged = `(descendant::*[${names.map((name) => `self::${name}`).join(' or ')}])`;
	return [merged, ...others].join(' | ');
}

const NAME_ONLY = /^\(descendant::((?:[A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*)\)$/;
