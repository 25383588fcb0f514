import type { UblWarning } from './ubl-issues';

/** Characters outside the XML 1.0 Char production (controls, lone surrogates, U+FFFE/FFFF). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NOT_XML_CHARS = new RegExp(NOT_XML_CHAR.source, 'gu');

function join(path: string, key: string | number): string {
	return path === '' ? String(key) : `${path}.${key}`;
}

function clean(value: unknown, path: string, warnings: UblWarning[]): unknown {
	if (typeof value === 'string') {
		if (!NOT_XML_CHAR.test(value)) return value;
		warnings.push({
			code: 'invalid-xml-character',
			path,
			message: `${path} holds a control character that XML cannot carry; it was removed`
		});
		return value.replace(NOT_XML_CHARS, '');
	}
	if (Array.isArray(value)) {
		let changed = false;
		const items = value.map((item: unknown, index) => {
			const cleaned = clean(item, join(path, index), warnings);
			changed ||= cleaned !== item;
			return cleaned;
		});
		return changed ? items : value;
	}
	if (value !== null && typeof value === 'object') {
		let changed = false;
		const entries = Object.entries(value).map(([key, item]: [string, unknown]) => {
			const cleaned = clean(item, join(path, key), warnings);
			changed ||= cleaned !== item;
			return [key, cleaned] as const;
		});
		return changed ? Object.fromEntries(entries) : value;
	}
	return value;
}

/**
 * The same plain-data value with every string made writable as XML 1.0: an escaping builder turns
 * & < > " ' into entities, but a control character has no representation at all, so it is
 * removed and reported instead of silently dropped by the serializer.
 */
export function withXmlSafeText<T>(value: T, warnings: UblWarning[]): T {
	return clean(value, '', warnings) as T;
}
