/** The content codings the static file server can send, in its order of preference on a tie. */
export type Encoding = 'br' | 'gzip' | 'identity';

const compressed = ['br', 'gzip'] as const;

// RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
const qvalue = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;
// RFC 9110 §5.6.2: a token; a coding that is not one is a malformed header.
const token = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * Picks the coding for a response from the request's Accept-Encoding (RFC 9110 §12.5.3), among
 * `br`, `gzip` and `identity`. Weights are respected: a coding with q=0 is refused, `*` stands for
 * every coding not named, `x-gzip` is gzip. No header, an empty one, or a malformed one gets
 * identity: a client that cannot say what it decodes must still get a page it can read, so
 * identity is also the answer when the client refuses it together with everything we have
 * (rather than a 406 for a static file).
 */
export function negotiateEncoding(header: string | readonly string[] | undefined): Encoding {
	if (header === undefined) return 'identity';
	const joined = typeof header === 'string' ? header : header.join(',');
	const weights = parse(joined);
	if (!weights) return 'identity';
	const star = weights.get('*');
	const weightOf = (coding: string): number | undefined => weights.get(coding) ?? star;
	let best: Encoding = 'identity';
	let bestWeight = 0;
	for (const coding of compressed) {
		const weight = weightOf(coding) ?? 0;
		if (weight > bestWeight) {
			best = coding;
			bestWeight = weight;
		}
	}
	// Identity only wins when the client names it with a higher weight than any coding we have;
	// left unnamed it is merely acceptable (§12.5.3), not preferred.
	const identity = weights.get('identity');
	if (identity !== undefined && identity > bestWeight) return 'identity';
	return best;
}

/** Coding → weight (0..1), or undefined when the header is malformed. */
function parse(header: string): Map<string, number> | undefined {
	const weights = new Map<string, number>();
	for (const element of header.split(',')) {
		const [rawCoding = '', ...params] = element.split(';');
		const coding = rawCoding.trim().toLowerCase();
		if (coding === '') {
			// Empty list elements are allowed (§5.6.1), parameters without a coding are not.
			if (params.length > 0) return undefined;
			continue;
		}
		if (!token.test(coding)) return undefined;
		let weight = 1;
		for (const param of params) {
			const [rawName = '', rawValue, ...rest] = param.split('=');
			const name = rawName.trim().toLowerCase();
			const value = rawValue?.trim();
			if (name !== 'q' || value === undefined || rest.length > 0 || !qvalue.test(value))
				return undefined;
			weight = Number(value);
		}
		const name = coding === 'x-gzip' ? 'gzip' : coding;
		// A coding named twice keeps its first weight, as most servers do; either is defensible.
		if (!weights.has(name)) weights.set(name, weight);
	}
	return weights;
}
