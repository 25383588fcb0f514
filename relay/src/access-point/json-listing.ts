import parser, { type Token } from 'stream-json/web/parser.js';

/**
 * A provider's listing read as a stream: a JSON array of flat objects whose long strings (a
 * document's embedded UBL) are measured, never held. Let's Peppol puts every listed document's
 * UBL in its listing, so one 50 MB document would make the whole answer too large to buffer; read
 * this way, the listing still names that document (its id comes before its UBL), so the intake can
 * refuse it and go on. stream-json (a well-kept streaming tokenizer) emits a long string as
 * chunks, which are counted and dropped.
 */
export interface ListedObject {
	/** Scalar fields; strings up to `keepChars` long. */
	fields: Record<string, string | number | boolean | null>;
	/** UTF-8 size of each string field longer than `keepChars`, counted up to `stopAfterBytes`. */
	longStrings: Record<string, number>;
	/** Reading stopped inside this object: a long string passed `stopAfterBytes`. */
	cut: boolean;
}

export class ListingFormatError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ListingFormatError';
	}
}

export async function readJsonListing(
	body: ReadableStream<Uint8Array>,
	options: { keepChars: number; stopAfterBytes: number }
): Promise<ListedObject[]> {
	const tokens: ReadableStream<Token> = body
		.pipeThrough(new TextDecoderStream('utf-8', { fatal: true }))
		.pipeThrough(
			parser.asWebStream({
				packKeys: true,
				streamKeys: false,
				packNumbers: true,
				streamNumbers: false,
				packStrings: false,
				streamStrings: true,
				maxDepth: 64
			})
		);
	const reader = tokens.getReader();
	const items: ListedObject[] = [];
	/** 0 outside the array, 1 in it, 2 in an item, deeper in a nested value (skipped). */
	let depth = 0;
	let current: ListedObject | undefined;
	let key: string | undefined;
	let string: { parts: string[]; chars: number; bytes: number } | undefined;
	let stopped = false;

	const setField = (value: string | number | boolean | null) => {
		if (depth === 2 && current !== undefined && key !== undefined) current.fields[key] = value;
		key = undefined;
	};

	try {
		for (;;) {
			const { done, value: token } = await reader.read();
			if (done) break;
			switch (token.name) {
				case 'startArray':
				case 'startObject':
					if (depth === 0 && token.name !== 'startArray')
						throw new ListingFormatError('the listing is not a JSON array');
					if (depth === 1) {
						if (token.name !== 'startObject')
							throw new ListingFormatError('an item of the listing is not an object');
						current = { fields: {}, longStrings: {}, cut: false };
					}
					if (depth === 2) key = undefined;
					depth++;
					break;
				case 'endArray':
				case 'endObject':
					depth--;
					if (depth === 1 && current !== undefined) {
						items.push(current);
						current = undefined;
					}
					break;
				case 'keyValue':
					key = token.value;
					break;
				case 'startString':
					string = { parts: [], chars: 0, bytes: 0 };
					break;
				case 'stringChunk':
					if (string === undefined) break;
					string.chars += token.value.length;
					string.bytes += Buffer.byteLength(token.value, 'utf8');
					if (string.chars <= options.keepChars) string.parts.push(token.value);
					else string.parts = [];
					if (string.bytes > options.stopAfterBytes && depth === 2 && current !== undefined) {
						if (key !== undefined) current.longStrings[key] = string.bytes;
						current.cut = true;
						items.push(current);
						stopped = true;
					}
					break;
				case 'endString':
					if (string !== undefined && depth === 2 && current !== undefined && key !== undefined) {
						if (string.chars <= options.keepChars) setField(string.parts.join(''));
						else {
							current.longStrings[key] = string.bytes;
							key = undefined;
						}
					}
					string = undefined;
					break;
				case 'numberValue':
					setField(Number(token.value));
					break;
				case 'nullValue':
					setField(null);
					break;
				case 'trueValue':
				case 'falseValue':
					setField(token.value);
					break;
				default:
					break;
			}
			if (stopped) break;
		}
	} catch (error) {
		if (error instanceof ListingFormatError) throw error;
		// stream-json's errors start with "Parser"/"parser:"; the decoder's names the encoding. Anything
		// else (a timeout, a dropped connection) is the transport's, for the caller to retry.
		const message = error instanceof Error ? error.message : String(error);
		if (/^parser|not valid for encoding/i.test(message))
			throw new ListingFormatError(`the listing is not valid JSON (${message})`);
		throw error;
	} finally {
		// Stops the download too: the rest of an oversized document is never read.
		await reader.cancel().catch(() => undefined);
	}
	return items;
}
