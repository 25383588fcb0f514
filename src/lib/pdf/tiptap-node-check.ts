/*
 * The part of ProseMirror/tiptap JSON the PDF reads (the seller's header and footer), checked by
 * hand rather than with a zod schema: the PDF worker reads it on its cold path and must not load
 * a validation library (zod is about 100 KB it would compile and evaluate before its first PDF).
 * It accepts exactly what the zod schema it replaces accepted; tiptap-node-check.spec.ts holds
 * that schema and feeds both the same random and malformed JSON.
 */

/** The part of ProseMirror/tiptap JSON we read; unknown attributes and node types are tolerated. */
export interface TiptapNode {
	type: string;
	attrs?: Record<string, unknown> | undefined;
	content?: TiptapNode[] | undefined;
	marks?: { type: string; attrs?: Record<string, unknown> | undefined }[] | undefined;
	text?: string | undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An attribute map, as zod's record of string keys takes it: a plain object (its prototype
 * Object's, or none) without enumerable symbol keys.
 */
function isAttributes(value: unknown): boolean {
	if (!isObject(value)) return false;
	const made = value.constructor;
	if (typeof made === 'function') {
		const prototype: unknown = made.prototype;
		if (!isObject(prototype) || !Object.prototype.hasOwnProperty.call(prototype, 'isPrototypeOf'))
			return false;
	}
	return !Object.getOwnPropertySymbols(value).some((key) =>
		Object.prototype.propertyIsEnumerable.call(value, key)
	);
}

function markProblem(mark: unknown, at: string): string | undefined {
	if (!isObject(mark)) return `${at}: must be a mark object`;
	if (typeof mark['type'] !== 'string') return `${at}.type: must be a string`;
	if (mark['attrs'] !== undefined && !isAttributes(mark['attrs']))
		return `${at}.attrs: must be an object of attributes`;
	return undefined;
}

/** The first rule `node` breaks as a tiptap node, as "<path>: <rule>", or undefined. */
export function tiptapNodeProblem(node: unknown, at = 'node'): string | undefined {
	if (!isObject(node)) return `${at}: must be a node object`;
	if (typeof node['type'] !== 'string') return `${at}.type: must be a string`;
	if (node['attrs'] !== undefined && !isAttributes(node['attrs']))
		return `${at}.attrs: must be an object of attributes`;
	const content = node['content'];
	if (content !== undefined) {
		if (!Array.isArray(content)) return `${at}.content: must be an array of nodes`;
		for (const [index, child] of content.entries()) {
			const problem = tiptapNodeProblem(child, `${at}.content.${index}`);
			if (problem !== undefined) return problem;
		}
	}
	const marks = node['marks'];
	if (marks !== undefined) {
		if (!Array.isArray(marks)) return `${at}.marks: must be an array of marks`;
		for (const [index, mark] of marks.entries()) {
			const problem = markProblem(mark, `${at}.marks.${index}`);
			if (problem !== undefined) return problem;
		}
	}
	if (node['text'] !== undefined && typeof node['text'] !== 'string')
		return `${at}.text: must be a string`;
	return undefined;
}
