import type { FontStyle } from './draw-ops';
import { tiptapNodeProblem, type TiptapNode } from './tiptap-node-check';
import type { RichBlock, RichDocument, RichRun, TextAlign } from './view-model';

export class RichTextError extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(message);
		this.name = 'RichTextError';
	}
}

const ALIGNS: readonly TextAlign[] = ['left', 'center', 'right', 'justify'];
const SAFE_LINK = /^(https?:|mailto:)/i;

function alignOf(node: TiptapNode): TextAlign {
	const value = node.attrs?.['textAlign'];
	return ALIGNS.find((align) => align === value) ?? 'left';
}

function positiveNumber(value: unknown): number | undefined {
	const number = typeof value === 'string' ? Number.parseFloat(value) : value;
	return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : undefined;
}

function runsOf(nodes: readonly TiptapNode[] | undefined): RichRun[] {
	const runs: RichRun[] = [];
	for (const node of nodes ?? []) {
		if (node.type === 'hardBreak') {
			runs.push({ text: '\n' });
		} else if (node.type === 'text' && node.text) {
			const run: RichRun = { text: node.text };
			for (const mark of node.marks ?? []) {
				if (mark.type === 'bold') run.bold = true;
				else if (mark.type === 'italic') run.italic = true;
				else if (mark.type === 'underline') run.underline = true;
				else if (mark.type === 'link') {
					const href = mark.attrs?.['href'];
					if (typeof href === 'string' && SAFE_LINK.test(href)) run.link = href;
				}
			}
			runs.push(run);
		} else {
			runs.push(...runsOf(node.content));
		}
	}
	return runs;
}

function imageBlock(node: TiptapNode, align: TextAlign, indent: number): RichBlock | undefined {
	const src = node.attrs?.['src'];
	if (typeof src !== 'string' || src.length === 0) return undefined;
	const block: RichBlock = { kind: 'image', align, indent, src };
	const width = positiveNumber(node.attrs?.['width']);
	const height = positiveNumber(node.attrs?.['height']);
	if (width !== undefined) block.width = width;
	if (height !== undefined) block.height = height;
	return block;
}

/** A list item's marker, handed to the item's first paragraph only. */
interface PendingMarker {
	label?: string | undefined;
}

/** Walks block nodes; lists and quotes flatten into indented paragraphs with a marker. */
function collect(
	nodes: readonly TiptapNode[],
	indent: number,
	blocks: RichBlock[],
	marker: PendingMarker = {}
): void {
	for (const node of nodes) {
		switch (node.type) {
			case 'paragraph':
			case 'heading':
			case 'codeBlock': {
				const runs = runsOf(node.content);
				// An image inside a paragraph (inline image extension) becomes its own block.
				for (const child of node.content ?? []) {
					if (child.type === 'image') {
						const image = imageBlock(child, alignOf(node), indent);
						if (image) blocks.push(image);
					}
				}
				const block: RichBlock = { kind: 'paragraph', align: alignOf(node), indent, runs };
				const level = positiveNumber(node.attrs?.['level']);
				if (node.type === 'heading') block.headingLevel = Math.min(6, Math.round(level ?? 1));
				if (marker.label !== undefined) block.marker = marker.label;
				marker.label = undefined;
				if (runs.length > 0 || !node.content?.some((child) => child.type === 'image')) {
					blocks.push(block);
				}
				break;
			}
			case 'bulletList':
			case 'orderedList': {
				const ordered = node.type === 'orderedList';
				let number = Math.round(positiveNumber(node.attrs?.['start']) ?? 1);
				for (const item of node.content ?? []) {
					collect(item.content ?? [], indent + 1, blocks, {
						label: ordered ? `${number++}.` : '•'
					});
				}
				break;
			}
			case 'blockquote':
				collect(node.content ?? [], indent + 1, blocks);
				break;
			case 'horizontalRule':
				blocks.push({ kind: 'rule', indent });
				break;
			case 'image': {
				const image = imageBlock(node, alignOf(node), indent);
				if (image) blocks.push(image);
				break;
			}
			default:
				collect(node.content ?? [], indent, blocks, marker);
		}
	}
}

/**
 * Reads the seller's header or footer as the tiptap editor stores it (`editor.getJSON()`).
 * `field` names the setting in the error when the JSON is not a ProseMirror document.
 */
export function richDocumentFromTiptap(json: unknown, field = 'header'): RichDocument {
	const problem = tiptapNodeProblem(json, field);
	if (problem !== undefined)
		throw new RichTextError(field, `${field}: not a tiptap document (${problem})`);
	const root = json as TiptapNode;
	const blocks: RichBlock[] = [];
	collect(root.type === 'doc' ? (root.content ?? []) : [root], 0, blocks);
	while (blocks.length > 0 && isEmptyParagraph(blocks[blocks.length - 1])) blocks.pop();
	return { blocks };
}

function isEmptyParagraph(block: RichBlock | undefined): boolean {
	return block?.kind === 'paragraph' && block.marker === undefined && block.runs.length === 0;
}

/** The font style a run is drawn in; headings are bold throughout. */
export function runStyle(run: RichRun, heading: boolean): FontStyle {
	const bold = heading || run.bold === true;
	if (run.italic) return bold ? 'boldItalic' : 'italic';
	return bold ? 'bold' : 'regular';
}

/** Styles the document's text needs, so only those font files are loaded. */
export function richFontStyles(document: RichDocument | undefined): Set<FontStyle> {
	const styles = new Set<FontStyle>();
	for (const block of document?.blocks ?? []) {
		if (block.kind !== 'paragraph') continue;
		for (const run of block.runs) styles.add(runStyle(run, block.headingLevel !== undefined));
	}
	return styles;
}
