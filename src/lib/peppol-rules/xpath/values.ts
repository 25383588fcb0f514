// The XPath 2.0 data model as the compiled rules (../compiled.ts) compute with it: a sequence is
// an array of items; an item is a slimdom node or an atomic value. xs:decimal and xs:integer are
// exact (big.js), never a double, so the sum rules (BR-CO-*) are exact by construction.
// Whatever the compiled code cannot decide exactly raises an XPathError; the engine then asks
// fontoxpath, so an error here never becomes a finding by itself.
import Big from 'big.js';
import type { Node } from 'slimdom';

/** Decimal division keeps 24 fraction digits, as ../exact-decimal.ts does for fontoxpath. */
export const Decimal = Big();
Decimal.DP = 24;
// plain notation in string(): 1e-3 is "0.001"
Decimal.NE = -1e6;
Decimal.PE = 1e6;

/** xs:untypedAtomic: the value of a node (no schema types here). */
export class Untyped {
	constructor(readonly s: string) {}
}

/** xs:decimal, or xs:integer when `int` (an xs:integer is an xs:decimal). */
export class Dec {
	constructor(
		readonly b: Big,
		readonly int: boolean
	) {}
}

/** xs:date without a timezone (anything else makes the compiled code defer to fontoxpath). */
export class XDate {
	constructor(
		readonly key: number,
		readonly text: string
	) {}
}

/** xs:string is a JS string, xs:boolean a boolean, xs:double a number. */
export type Atomic = string | boolean | number | Untyped | Dec | XDate;
export type Item = Node | Atomic;
export type Seq = Item[];

export class XPathError extends Error {
	constructor(
		readonly code: string,
		message: string
	) {
		super(`${code}: ${message}`);
	}
}

export const fail = (code: string, message: string): never => {
	throw new XPathError(code, message);
};

export const isNode = (item: Item): item is Node =>
	typeof item === 'object' &&
	!(item instanceof Untyped || item instanceof Dec || item instanceof XDate);

export const isNumeric = (a: Atomic): a is number | Dec =>
	typeof a === 'number' || a instanceof Dec;

export const integer = (n: number | string): Dec => new Dec(new Decimal(n), true);
export const decimal = (n: string): Dec => new Dec(new Decimal(n), false);

/** The string value of a node. */
export function nodeString(node: Node): string {
	return node.textContent ?? '';
}

export function atomizeItem(item: Item): Atomic {
	return isNode(item) ? new Untyped(nodeString(item)) : item;
}

export function atomize(seq: Seq): Atomic[] {
	return seq.map(atomizeItem);
}

/** At most one atomic value (the function conversion rules for an `xs:anyAtomicType?`). */
export function optionalAtomic(seq: Seq, what: string): Atomic | null {
	if (seq.length > 1) fail('XPTY0004', `${what}: more than one item`);
	const first = seq[0];
	return first === undefined ? null : atomizeItem(first);
}

function doubleString(d: number): string {
	if (Number.isNaN(d)) return 'NaN';
	if (d === Infinity) return 'INF';
	if (d === -Infinity) return '-INF';
	if (d === 0) return Object.is(d, -0) ? '-0' : '0';
	const abs = Math.abs(d);
	if (abs >= 1e-6 && abs < 1e6) return String(d);
	// scientific notation is rare in the rules and formatted differently by processors
	return fail('FOCA0002', 'a double outside [1e-6, 1e6) as a string');
}

export function decimalString(b: Big): string {
	return b.eq(0) ? '0' : b.toString();
}

/** xs:string(a) */
export function atomicString(a: Atomic): string {
	if (typeof a === 'string') return a;
	if (typeof a === 'boolean') return a ? 'true' : 'false';
	if (typeof a === 'number') return doubleString(a);
	if (a instanceof Untyped) return a.s;
	if (a instanceof Dec) return decimalString(a.b);
	return a.text;
}

/** string(item) */
export function itemString(item: Item): string {
	return isNode(item) ? nodeString(item) : atomicString(item);
}

const DOUBLE = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;
const DECIMAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/;
const INTEGER = /^\s*[+-]?\d+\s*$/;
const DATE = /^\s*(-?\d{4,})-(\d\d)-(\d\d)\s*$/;

function parseDouble(s: string): number | null {
	if (DOUBLE.test(s)) return Number(s.trim());
	const t = s.trim();
	if (t === 'INF' || t === '+INF') return Infinity;
	if (t === '-INF') return -Infinity;
	if (t === 'NaN') return NaN;
	return null;
}

export function toDouble(a: Atomic): number {
	if (typeof a === 'number') return a;
	if (a instanceof Dec) return Number(a.b);
	if (typeof a === 'boolean') return a ? 1 : 0;
	if (typeof a === 'string' || a instanceof Untyped) {
		const d = parseDouble(typeof a === 'string' ? a : a.s);
		return d ?? fail('FORG0001', 'not a number');
	}
	return fail('XPTY0004', 'a date is not a number');
}

/** fn:number: NaN instead of an error */
export function number(a: Atomic | null): number {
	if (a === null) return NaN;
	if (typeof a === 'string' || a instanceof Untyped)
		return parseDouble(typeof a === 'string' ? a : a.s) ?? NaN;
	if (a instanceof XDate) return NaN;
	return toDouble(a);
}

function finiteBig(d: number): Big {
	if (!Number.isFinite(d)) fail('FOCA0002', 'NaN or INF as a decimal');
	return new Decimal(d);
}

export function toDecimal(a: Atomic): Dec {
	if (a instanceof Dec) return a.int ? new Dec(a.b, false) : a;
	if (typeof a === 'number') return new Dec(finiteBig(a), false);
	if (typeof a === 'boolean') return new Dec(new Decimal(a ? 1 : 0), false);
	if (typeof a === 'string' || a instanceof Untyped) {
		const s = typeof a === 'string' ? a : a.s;
		if (!DECIMAL.test(s)) fail('FORG0001', `cannot cast "${s}" to xs:decimal`);
		return new Dec(new Decimal(s.trim()), false);
	}
	return fail('XPTY0004', 'cannot cast a date to xs:decimal');
}

export function toInteger(a: Atomic): Dec {
	if (a instanceof Dec) return a.int ? a : new Dec(a.b.round(0, 0), true);
	if (typeof a === 'number') return new Dec(finiteBig(a).round(0, 0), true);
	if (typeof a === 'boolean') return integer(a ? 1 : 0);
	if (typeof a === 'string' || a instanceof Untyped) {
		const s = typeof a === 'string' ? a : a.s;
		if (!INTEGER.test(s)) fail('FORG0001', `cannot cast "${s}" to xs:integer`);
		return integer(s.trim().replace(/^\+/, ''));
	}
	return fail('XPTY0004', 'cannot cast a date to xs:integer');
}

// fontoxpath 3.34 accepts any day from 01 to 31 in any month (2017-09-31); the reference engine
// is fontoxpath, so the compiled rules accept the same dates.
export function toDate(a: Atomic): XDate {
	if (a instanceof XDate) return a;
	if (typeof a === 'string' || a instanceof Untyped) {
		const s = typeof a === 'string' ? a : a.s;
		const m = DATE.exec(s);
		const [year, month, day] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
		if (!m || month < 1 || month > 12 || day < 1 || day > 31 || year === 0)
			fail('FORG0001', `cannot cast "${s}" to xs:date`);
		if ((m?.[1] ?? '').replace('-', '').length > 4 && m?.[1]?.replace('-', '').startsWith('0'))
			fail('FORG0001', `cannot cast "${s}" to xs:date`);
		// and, like it, reads the day past a month's end into the next month (JavaScript's Date)
		return new XDate(Date.UTC(year, month - 1, day), s.trim());
	}
	return fail('XPTY0004', 'cannot cast to xs:date');
}

export type AtomicType = 'string' | 'decimal' | 'integer' | 'double' | 'date' | 'boolean';

export function cast(a: Atomic, type: AtomicType): Atomic {
	switch (type) {
		case 'string':
			return atomicString(a);
		case 'decimal':
			return toDecimal(a);
		case 'integer':
			return toInteger(a);
		case 'double':
			return toDouble(a);
		case 'date':
			return toDate(a);
		case 'boolean': {
			if (typeof a === 'boolean') return a;
			if (typeof a === 'string' || a instanceof Untyped) {
				const s = (typeof a === 'string' ? a : a.s).trim();
				if (s === 'true' || s === '1') return true;
				if (s === 'false' || s === '0') return false;
				return fail('FORG0001', `cannot cast "${s}" to xs:boolean`);
			}
			if (isNumeric(a)) return typeof a === 'number' ? !(a === 0 || Number.isNaN(a)) : !a.b.eq(0);
			return fail('XPTY0004', 'cannot cast a date to xs:boolean');
		}
	}
}

/** `E castable as T` (with `?`: the empty sequence is castable) */
export function castable(seq: Seq, type: AtomicType, optional: boolean): boolean {
	if (seq.length === 0) return optional;
	if (seq.length > 1) return false;
	try {
		cast(atomizeItem(seq[0] as Item), type);
		return true;
	} catch (e) {
		if (e instanceof XPathError) return false;
		throw e;
	}
}

/** The effective boolean value. */
export function ebv(seq: Seq): boolean {
	const first = seq[0];
	if (first === undefined) return false;
	if (isNode(first)) return true;
	if (seq.length > 1) fail('FORG0006', 'effective boolean value of a sequence of atomic values');
	if (typeof first === 'boolean') return first;
	if (typeof first === 'string') return first.length > 0;
	if (first instanceof Untyped) return first.s.length > 0;
	if (typeof first === 'number') return !(first === 0 || Number.isNaN(first));
	if (first instanceof Dec) return !first.b.eq(0);
	return fail('FORG0006', 'effective boolean value of a date');
}

export type Comparison = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

function ordered(order: number, op: Comparison): boolean {
	switch (op) {
		case 'eq':
			return order === 0;
		case 'ne':
			return order !== 0;
		case 'lt':
			return order < 0;
		case 'le':
			return order <= 0;
		case 'gt':
			return order > 0;
		case 'ge':
			return order >= 0;
	}
}

/** A value comparison of two atomic values (untyped values already cast). */
function compareAtomic(a: Atomic, b: Atomic, op: Comparison): boolean {
	if (isNumeric(a) && isNumeric(b)) {
		if (a instanceof Dec && b instanceof Dec) return ordered(a.b.cmp(b.b), op);
		const x = toDouble(a);
		const y = toDouble(b);
		if (Number.isNaN(x) || Number.isNaN(y)) return op === 'ne';
		return ordered(x < y ? -1 : x > y ? 1 : 0, op);
	}
	if (typeof a === 'string' && typeof b === 'string')
		return ordered(a < b ? -1 : a > b ? 1 : 0, op);
	if (typeof a === 'boolean' && typeof b === 'boolean') return ordered(Number(a) - Number(b), op);
	if (a instanceof XDate && b instanceof XDate) return ordered(a.key - b.key, op);
	return fail('XPTY0004', 'values of incomparable types');
}

/** An untyped operand of a general comparison takes the other operand's type. */
function castLike(u: Untyped, other: Atomic): Atomic {
	if (isNumeric(other)) return toDouble(u);
	if (typeof other === 'boolean') return cast(u, 'boolean');
	if (other instanceof XDate) return toDate(u);
	return u.s;
}

function pair(x: Atomic, y: Atomic, op: Comparison): boolean {
	if (x instanceof Untyped) {
		if (y instanceof Untyped || typeof y === 'string')
			return compareAtomic(x.s, atomicString(y), op);
		return compareAtomic(castLike(x, y), y, op);
	}
	if (y instanceof Untyped) return compareAtomic(x, castLike(y, x), op);
	return compareAtomic(x, y, op);
}

/** A general comparison (`=`, `!=`, `<`, ...): true if some pair of atomic values compares. */
export function general(left: Seq, right: Seq, op: Comparison): boolean {
	if (left.length === 0 || right.length === 0) return false;
	const a = atomize(left);
	const b = atomize(right);
	// every pair, even after a true one: fontoxpath casts all values first, so a value that
	// cannot be cast raises its error there whatever the others give
	let found = false;
	for (const x of a) for (const y of b) if (pair(x, y, op)) found = true;
	return found;
}

/** A value comparison (`eq`, `ne`, ...): empty if an operand is empty. */
export function value(left: Seq, right: Seq, op: Comparison): Seq {
	const a = optionalAtomic(left, op);
	const b = optionalAtomic(right, op);
	if (a === null || b === null) return [];
	const x = a instanceof Untyped ? a.s : a;
	const y = b instanceof Untyped ? b.s : b;
	return [compareAtomic(x, y, op)];
}

export type Arithmetic = 'add' | 'subtract' | 'multiply' | 'div' | 'idiv' | 'mod';

function exact(x: Big, y: Big, op: Arithmetic, bothInt: boolean): Dec {
	switch (op) {
		case 'add':
			return new Dec(x.plus(y), bothInt);
		case 'subtract':
			return new Dec(x.minus(y), bothInt);
		case 'multiply':
			return new Dec(x.times(y), bothInt);
		case 'div':
			if (y.eq(0)) fail('FOAR0001', 'Division by zero');
			return new Dec(x.div(y), false);
		case 'idiv':
			if (y.eq(0)) fail('FOAR0001', 'Division by zero');
			return new Dec(x.div(y).round(0, 0), true);
		case 'mod':
			if (y.eq(0)) fail('FOAR0001', 'Division by zero');
			return new Dec(x.mod(y), bothInt);
	}
}

function float(x: number, y: number, op: Arithmetic): number | Dec {
	switch (op) {
		case 'add':
			return x + y;
		case 'subtract':
			return x - y;
		case 'multiply':
			return x * y;
		case 'div':
			return x / y;
		case 'mod':
			return x % y;
		case 'idiv': {
			if (y === 0) fail('FOAR0001', 'Division by zero');
			if (!Number.isFinite(x) || Number.isNaN(y)) fail('FOAR0002', 'idiv of NaN or INF');
			return integer(Math.trunc(x / y));
		}
	}
}

/** An arithmetic operator on two operands (atomized; untyped becomes xs:double). */
export function arithmetic(left: Seq, right: Seq, op: Arithmetic): Seq {
	const a = optionalAtomic(left, op);
	const b = optionalAtomic(right, op);
	if (a === null || b === null) return [];
	const x = a instanceof Untyped ? toDouble(a) : a;
	const y = b instanceof Untyped ? toDouble(b) : b;
	if (!isNumeric(x) || !isNumeric(y)) return fail('XPTY0004', `${op} of a non-numeric value`);
	if (x instanceof Dec && y instanceof Dec) return [exact(x.b, y.b, op, x.int && y.int)];
	return [float(toDouble(x), toDouble(y), op)];
}

export function negate(operand: Seq): Seq {
	const a = optionalAtomic(operand, 'unary minus');
	if (a === null) return [];
	const x = a instanceof Untyped ? toDouble(a) : a;
	if (x instanceof Dec) return [new Dec(x.b.times(-1), x.int)];
	if (typeof x === 'number') return [-x];
	return fail('XPTY0004', 'unary minus of a non-numeric value');
}
