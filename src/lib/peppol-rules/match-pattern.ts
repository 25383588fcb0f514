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

/**
 * An XSLT match pattern as an expression selecting all matching nodes from the document node:
 * `a/b[p] | /c` becomes `descendant::a/b[p] | /c`, the same node set as `//(a/b[p] | /c)`,
 * which would re-evaluate every branch from every node (quadratic in the document size).
 */
export function patternToSelect(pattern: string): string {
	return splitUnion(pattern.trim())
		.map((b) => {
			if (b.startsWith('//')) return `(${descendantForm(b.slice(2)) ?? b})`;
			return `(${isAbsolute(b) ? b : (descendantForm(b) ?? '//' + b)})`;
		})
		.join(' | ');
}
