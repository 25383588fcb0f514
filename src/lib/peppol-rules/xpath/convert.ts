// Casts, ranges and the function conversion rules, for the compiled rules.
import {
	atomize,
	cast,
	Dec,
	fail,
	integer,
	isNumeric,
	optionalAtomic,
	toDouble,
	toInteger,
	Untyped,
	XDate,
	type Atomic,
	type AtomicType,
	type Seq
} from './values';

/** `xs:T(E)`: empty stays empty, more than one item is an error. */
export function castTo(seq: Seq, type: AtomicType): Seq {
	const a = optionalAtomic(seq, `xs:${type}()`);
	return a === null ? [] : [cast(a, type)];
}

/** `E1 to E2` */
export function range(from: Seq, to: Seq): Seq {
	const a = optionalAtomic(from, 'to');
	const b = optionalAtomic(to, 'to');
	if (a === null || b === null) return [];
	const start = Number(toRangeInteger(a).b);
	const end = Number(toRangeInteger(b).b);
	const out: Seq = [];
	for (let i = start; i <= end; i++) out.push(integer(i));
	return out;
}

function toRangeInteger(a: Atomic): Dec {
	if (a instanceof Untyped) return toInteger(a);
	if (a instanceof Dec && a.int) return a;
	return fail('XPTY0004', 'a range bound is not an integer');
}

function instanceOf(a: Atomic, type: AtomicType): boolean {
	switch (type) {
		case 'string':
			return typeof a === 'string';
		case 'boolean':
			return typeof a === 'boolean';
		case 'double':
			return typeof a === 'number';
		case 'decimal':
			return a instanceof Dec;
		case 'integer':
			return a instanceof Dec && a.int;
		case 'date':
			return a instanceof XDate;
	}
}

/** The function conversion rules for a parameter or result `as xs:T occurrence`. */
export function convert(seq: Seq, type: AtomicType, occurrence: '' | '?' | '*' | '+'): Seq {
	const values = atomize(seq).map((a) => {
		if (a instanceof Untyped) return cast(a, type);
		if (instanceOf(a, type)) return a;
		if (type === 'double' && isNumeric(a)) return toDouble(a);
		if (type === 'decimal' && a instanceof Dec) return a;
		return fail('XPTY0004', `not an xs:${type}`);
	});
	const n = values.length;
	if (
		(occurrence === '' && n !== 1) ||
		(occurrence === '?' && n > 1) ||
		(occurrence === '+' && n < 1)
	)
		fail('XPTY0004', `wrong number of items for xs:${type}${occurrence}`);
	return values;
}
