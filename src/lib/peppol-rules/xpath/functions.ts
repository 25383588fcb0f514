// The XPath functions the rules call, for the compiled rules. Where fontoxpath 3.34 (the
// reference engine) departs from the specification, these follow fontoxpath, so both engines
// give identical findings: substring() slices without rounding, normalize-space() and tokenize()
// use JavaScript's \s and RegExp, string-to-codepoints() reads UTF-16 units; matches() uses
// xspattern, as fontoxpath does.
import { compile as compilePattern } from 'xspattern';
import type { Element, Node } from 'slimdom';
import { contextNode, item, type Focus } from './nodes';
import {
	atomicString,
	atomize,
	Dec,
	Decimal,
	ebv,
	fail,
	integer,
	isNode,
	isNumeric,
	itemString,
	number,
	optionalAtomic,
	toDouble,
	Untyped,
	type Atomic,
	type Item,
	type Seq
} from './values';

/** An `xs:string?` argument: '' when empty. */
export function str(seq: Seq, what: string): string {
	const a = optionalAtomic(seq, what);
	if (a === null) return '';
	if (typeof a === 'string') return a;
	if (a instanceof Untyped) return a.s;
	return fail('XPTY0004', `${what}: not a string`);
}

/** A numeric argument (`xs:double`, `xs:numeric?`): null when empty. */
function numeric(seq: Seq, what: string): number | Dec | null {
	const a = optionalAtomic(seq, what);
	if (a === null) return null;
	if (a instanceof Untyped) return toDouble(a);
	if (isNumeric(a)) return a;
	return fail('XPTY0004', `${what}: not a number`);
}

const jsRegexes = new Map<string, RegExp>();
function jsRegex(pattern: string): RegExp {
	let regex = jsRegexes.get(pattern);
	if (!regex) {
		try {
			regex = new RegExp(pattern, 'g');
		} catch (e) {
			return fail('FORX0002', String(e));
		}
		if (regex.test('')) fail('FORX0003', `the pattern ${pattern} matches the zero length string`);
		jsRegexes.set(pattern, regex);
	}
	regex.lastIndex = 0;
	return regex;
}

const matchers = new Map<string, (s: string) => boolean>();

type Fn = (focus: Focus, ...args: Seq[]) => Seq;

function nameOf(seq: Seq, local: boolean): Seq {
	if (seq.length > 1) fail('XPTY0004', 'name(): more than one node');
	const node = seq[0];
	if (node === undefined) return [''];
	if (!isNode(node)) return fail('XPTY0004', 'name(): not a node');
	if (node.nodeType !== 1 && node.nodeType !== 2) return [''];
	return [local ? (node as Element).localName : (node as Element).nodeName];
}

function round(value: number | Dec): number | Dec {
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || value === 0) return value;
		return Math.floor(value + 0.5);
	}
	const shifted = value.b.plus(0.5);
	// floor: truncate toward zero, then one down for a negative fraction
	let floor = shifted.round(0, 0);
	if (floor.gt(shifted)) floor = floor.minus(1);
	return new Dec(floor, value.int);
}

function sum(seq: Seq): Seq {
	if (seq.length === 0) return [integer(0)];
	const values = atomize(seq).map((a) => (a instanceof Untyped ? toDouble(a) : a));
	if (values.every((v): v is Dec => v instanceof Dec)) {
		let total = new Decimal(0);
		for (const v of values) total = total.plus(v.b);
		return [
			new Dec(
				total,
				values.every((v) => v.int)
			)
		];
	}
	let total = 0;
	for (const v of values) {
		if (!isNumeric(v)) return fail('FORG0006', 'sum() of a non-numeric value');
		total += toDouble(v);
	}
	return [total];
}

export const FUNCTIONS: Readonly<Record<string, { arity: number[]; fn: Fn }>> = {
	true: { arity: [0], fn: () => [true] },
	false: { arity: [0], fn: () => [false] },
	not: { arity: [1], fn: (_, s) => [!ebv(s ?? [])] },
	boolean: { arity: [1], fn: (_, s) => [ebv(s ?? [])] },
	exists: { arity: [1], fn: (_, s) => [(s ?? []).length > 0] },
	empty: { arity: [1], fn: (_, s) => [(s ?? []).length === 0] },
	count: { arity: [1], fn: (_, s) => [integer((s ?? []).length)] },
	position: { arity: [0], fn: (f) => [integer(f.p)] },
	last: { arity: [0], fn: (f) => [integer(f.n)] },
	reverse: { arity: [1], fn: (_, s) => [...(s ?? [])].reverse() },
	sum: { arity: [1], fn: (_, s) => sum(s ?? []) },
	string: {
		arity: [0, 1],
		fn: (f, s) => {
			const seq = s ?? [item(f)];
			if (seq.length > 1) fail('XPTY0004', 'string(): more than one item');
			const first = seq[0];
			return [first === undefined ? '' : itemString(first)];
		}
	},
	'normalize-space': {
		arity: [0, 1],
		fn: (f, s) => [
			(s ? str(s, 'normalize-space') : itemString(item(f))).trim().replace(/\s+/g, ' ')
		]
	},
	'string-length': {
		arity: [0, 1],
		fn: (f, s) => [integer(Array.from(s ? str(s, 'string-length') : itemString(item(f))).length)]
	},
	'upper-case': { arity: [1], fn: (_, s) => [str(s ?? [], 'upper-case').toUpperCase()] },
	contains: {
		arity: [2],
		fn: (_, a, b) => {
			const needle = str(b ?? [], 'contains');
			const hay = str(a ?? [], 'contains');
			return [needle.length === 0 ? true : hay.length === 0 ? false : hay.includes(needle)];
		}
	},
	'starts-with': {
		arity: [2],
		fn: (_, a, b) => {
			const prefix = str(b ?? [], 'starts-with');
			const s = str(a ?? [], 'starts-with');
			return [prefix.length === 0 ? true : s.length === 0 ? false : s.startsWith(prefix)];
		}
	},
	'ends-with': {
		arity: [2],
		fn: (_, a, b) => {
			const suffix = str(b ?? [], 'ends-with');
			const s = str(a ?? [], 'ends-with');
			return [suffix.length === 0 ? true : s.length === 0 ? false : s.endsWith(suffix)];
		}
	},
	'substring-before': {
		arity: [2],
		fn: (_, a, b) => {
			const s = str(a ?? [], 'substring-before');
			const t = str(b ?? [], 'substring-before');
			if (t === '') return [''];
			const at = s.indexOf(t);
			return [at < 0 ? '' : s.substring(0, at)];
		}
	},
	'substring-after': {
		arity: [2],
		fn: (_, a, b) => {
			const s = str(a ?? [], 'substring-after');
			const t = str(b ?? [], 'substring-after');
			if (t === '') return [s];
			const at = s.indexOf(t);
			return [at < 0 ? '' : s.substring(at + t.length)];
		}
	},
	substring: {
		arity: [2, 3],
		fn: (_, s, start, length) => {
			const text = str(s ?? [], 'substring');
			const from = numeric(start ?? [], 'substring');
			if (from === null) return fail('XPTY0004', 'substring(): empty start');
			const begin = toDouble(from);
			if (!length)
				return [
					Array.from(text)
						.slice(Math.max(begin - 1, 0))
						.join('')
				];
			const count = numeric(length, 'substring');
			if (count === null) return fail('XPTY0004', 'substring(): empty length');
			const end = begin + toDouble(count) - 1;
			return [
				Array.from(text)
					.slice(Math.max(begin - 1, 0), end)
					.join('')
			];
		}
	},
	translate: {
		arity: [3],
		fn: (_, s, from, to) => {
			const map = Array.from(str(from ?? [], 'translate'));
			const replacement = Array.from(str(to ?? [], 'translate'));
			return [
				Array.from(str(s ?? [], 'translate'))
					.map((c) => {
						const at = map.indexOf(c);
						return at < 0 ? c : at <= replacement.length ? replacement[at] : undefined;
					})
					.join('')
			];
		}
	},
	concat: {
		arity: [2, 3, 4, 5, 6, 7, 8, 9, 10],
		fn: (_, ...args) => [
			args
				.map((a) => {
					const v = optionalAtomic(a, 'concat');
					return v === null ? '' : atomicString(v);
				})
				.join('')
		]
	},
	'string-join': {
		arity: [1, 2],
		fn: (_, s, separator) => [
			atomize(s ?? [])
				.map(atomicString)
				.join(separator ? str(separator, 'string-join') : '')
		]
	},
	'string-to-codepoints': {
		arity: [1],
		fn: (_, s) =>
			str(s ?? [], 'string-to-codepoints')
				.split('')
				.map((c) => integer(c.codePointAt(0) ?? 0))
	},
	'codepoints-to-string': {
		arity: [1],
		fn: (_, s) => [
			atomize(s ?? [])
				.map((a) => {
					const c = a instanceof Dec && a.int ? Number(a.b) : fail('XPTY0004', 'not an integer');
					const ok =
						c === 9 ||
						c === 10 ||
						c === 13 ||
						(c >= 32 && c <= 0xd7ff) ||
						(c >= 0xe000 && c <= 0xfffd) ||
						(c >= 0x10000 && c <= 0x10ffff);
					return ok ? String.fromCodePoint(c) : fail('FOCH0001', 'not a character');
				})
				.join('')
		]
	},
	number: {
		arity: [0, 1],
		fn: (f, s) => {
			const seq = s ?? [item(f)];
			if (seq.length > 1) fail('XPTY0004', 'number(): more than one item');
			return [number(seq.length ? optionalAtomic(seq, 'number') : null)];
		}
	},
	abs: {
		arity: [1],
		fn: (_, s) => {
			const v = numeric(s ?? [], 'abs');
			if (v === null) return [];
			return [typeof v === 'number' ? Math.abs(v) : new Dec(v.b.abs(), v.int)];
		}
	},
	round: {
		arity: [1],
		fn: (_, s) => {
			const v = numeric(s ?? [], 'round');
			return v === null ? [] : [round(v)];
		}
	},
	matches: {
		arity: [2],
		fn: (_, s, pattern) => {
			const text = str(s ?? [], 'matches');
			const source = str(pattern ?? [], 'matches');
			let matcher = matchers.get(source);
			if (!matcher) {
				try {
					matcher = compilePattern(source, { language: 'xpath' });
				} catch (e) {
					return fail('FORX0002', String(e));
				}
				matchers.set(source, matcher);
			}
			return [matcher(text)];
		}
	},
	tokenize: {
		arity: [2],
		fn: (_, s, pattern) => {
			const text = str(s ?? [], 'tokenize');
			if (text.length === 0) return [];
			const regex = jsRegex(str(pattern ?? [], 'tokenize'));
			const out: string[] = [];
			let from = 0;
			for (let m = regex.exec(text); m; m = regex.exec(text)) {
				out.push(text.slice(from, m.index));
				from = regex.lastIndex;
			}
			out.push(text.slice(from));
			return out;
		}
	},
	replace: {
		arity: [3],
		fn: (_, s, pattern, replacement) => {
			const text = str(s ?? [], 'replace');
			const source = str(pattern ?? [], 'replace');
			const by = str(replacement ?? [], 'replace');
			// only plain replacements; fontoxpath rewrites \$, \\ and $$ its own way
			if (/[\\$]/.test(by)) return fail('XPST0017', 'replace() with $ or \\ in the replacement');
			return [text.replace(jsRegex(source), by)];
		}
	},
	name: { arity: [0, 1], fn: (f, s) => nameOf(s ?? [contextNode(f)], false) },
	'local-name': { arity: [0, 1], fn: (f, s) => nameOf(s ?? [contextNode(f)], true) }
};

/** Calls a function of FUNCTIONS (the compiler checked the name and arity). */
export function call(name: string, focus: Focus, ...args: Seq[]): Seq {
	const entry = FUNCTIONS[name];
	if (!entry) return fail('XPST0017', `unknown function ${name}`);
	return entry.fn(focus, ...args);
}

export type { Atomic, Item, Node };
