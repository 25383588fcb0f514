// Values of every kind, for the property specs that hold a hand-written check to the zod schema
// it stands in for (the PDF worker's, pdf-request-check.ts): zod and a hand check may disagree on
// the odd ones.
import fc from 'fast-check';

/** Values of every kind, with the odd ones zod and a hand check may disagree on. */
export const oddValue = fc.oneof(
	fc.anything({
		withBigInt: true,
		withBoxedValues: true,
		withDate: true,
		withMap: true,
		withNullPrototype: true,
		withObjectString: true,
		withSet: true,
		withSparseArray: true,
		withTypedArray: true
	}),
	fc.constantFrom(
		undefined,
		null,
		Number.NaN,
		Infinity,
		-Infinity,
		-0,
		0.5,
		2 ** 53,
		-(2 ** 53),
		Number.MAX_SAFE_INTEGER,
		'',
		[],
		{},
		new Uint8Array(1)
	)
);
