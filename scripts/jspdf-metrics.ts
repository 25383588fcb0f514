// jsPDF's metrics of the 14 standard PDF fonts, unpacked at build time instead of in the PDF
// worker. jsPDF ships them in a compact text form and unpacks all of them, character by
// character, while its module is evaluated: every worker's first PDF paid for it (12-47 ms of the
// cold first PDF under the sampling profiler), although our PDFs draw only the embedded Inter.
// The build writes each unpacked table as a JSON.parse of its JSON, which V8 reads in one fast
// pass; the objects are the same (same keys in the same order, same numbers), so jsPDF and the
// PDFs it writes are unchanged. Used by the app's worker build (vite.config.ts) and the bench's.
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

type Uncompress = (data: string) => unknown;

/** jsPDF's own unpacker, from its Node build of the same package. */
function jspdfUncompress(): Uncompress {
	const { jsPDF } = createRequire(import.meta.url)('jspdf') as {
		jsPDF: { API: { __fontmetrics__?: { uncompress?: Uncompress } } };
	};
	const uncompress = jsPDF.API.__fontmetrics__?.uncompress;
	if (typeof uncompress !== 'function')
		throw new Error(
			'jsPDF no longer exposes __fontmetrics__.uncompress (scripts/jspdf-metrics.ts)'
		);
	return uncompress;
}

/**
 * `source` (a jsPDF ES build) with every call of its metrics unpacker on a literal replaced by
 * the unpacked value; throws when it finds none, so a jsPDF update that moves them fails the
 * build instead of silently bringing the cost back.
 */
export function unpackJspdfMetrics(source: string, uncompress: Uncompress): string {
	const definition =
		/([A-Za-z_$][\w$]*)\s*=\s*[\w$.]+\.__fontmetrics__\.uncompress\s*=\s*function/.exec(source);
	if (!definition?.[1])
		throw new Error('jsPDF: the font metrics unpacker was not found (scripts/jspdf-metrics.ts)');
	const name = definition[1].replace(/\$/g, '\\$');
	// Only the packed alphabet: digits, letters, braces, quotes and the minus sign.
	const call = new RegExp(`(?<![\\w$.])${name}\\("(\\{[0-9a-z{}'-]*\\})"\\)`, 'g');
	let replaced = 0;
	const before = source.slice(0, definition.index);
	const after = source.slice(definition.index).replace(call, (_, packed: string) => {
		replaced++;
		return `JSON.parse(${JSON.stringify(JSON.stringify(uncompress(packed)))})`;
	});
	if (replaced === 0)
		throw new Error('jsPDF: no packed font metrics were found (scripts/jspdf-metrics.ts)');
	return before + after;
}

export function jspdfMetrics(): Plugin {
	let uncompress: Uncompress | undefined;
	return {
		name: 'billfold-jspdf-metrics',
		transform(code, id) {
			if (!/[\\/]node_modules[\\/]jspdf[\\/]dist[\\/]jspdf\.es(\.min)?\.js$/.test(id)) return null;
			uncompress ??= jspdfUncompress();
			return { code: unpackJspdfMetrics(code, uncompress), map: null };
		}
	};
}
