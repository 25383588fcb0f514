import type { Color, DrawOp, FontStyle } from './draw-ops';
import type { ImageRegistry } from './image-registry';
import { runStyle } from './rich-text';
import type { Typesetter } from './typesetter';
import type { RichBlock, RichDocument, RichRun, TextAlign } from './view-model';

export interface RichLayoutOptions {
	x: number;
	y: number;
	width: number;
	/** Body font size; headings scale from it. */
	size: number;
	color: Color;
	linkColor: Color;
	/** Images are scaled down to at most this height (and the available width). */
	maxImageHeight: number;
}

export interface RichLayout {
	ops: DrawOp[];
	height: number;
}

const INDENT = 14;
const CSS_PIXEL = 0.75;
const HEADING_SCALE = [1.8, 1.45, 1.2, 1.1, 1, 0.9];

interface Token {
	text: string;
	run: RichRun;
	style: FontStyle;
	width: number;
	kind: 'word' | 'space' | 'break';
}

function tokenize(
	runs: readonly RichRun[],
	heading: boolean,
	size: number,
	typesetter: Typesetter
): Token[] {
	const tokens: Token[] = [];
	for (const run of runs) {
		const style = runStyle(run, heading);
		for (const part of typesetter.fit(run.text).split(/(\n| +)/)) {
			if (part === '') continue;
			const kind = part === '\n' ? 'break' : part.startsWith(' ') ? 'space' : 'word';
			const text = kind === 'space' ? ' ' : part;
			const width = kind === 'break' ? 0 : typesetter.width(text, style, size);
			tokens.push({ text, run, style, width, kind });
		}
	}
	return tokens;
}

/** Splits a word wider than the line into pieces that fit. */
function breakWord(token: Token, maxWidth: number, size: number, typesetter: Typesetter): Token[] {
	const pieces: Token[] = [];
	let rest = token.text;
	while (rest.length > 0) {
		let cut = rest.length;
		while (cut > 1 && typesetter.width(rest.slice(0, cut), token.style, size) > maxWidth) cut -= 1;
		const text = rest.slice(0, cut);
		pieces.push({ ...token, text, width: typesetter.width(text, token.style, size) });
		rest = rest.slice(cut);
	}
	return pieces;
}

function breakLines(
	tokens: Token[],
	maxWidth: number,
	size: number,
	typesetter: Typesetter
): Token[][] {
	const lines: Token[][] = [];
	let line: Token[] = [];
	let width = 0;
	const commit = () => {
		while (line.length > 0 && line[line.length - 1]?.kind === 'space') line.pop();
		lines.push(line);
		line = [];
		width = 0;
	};
	for (const token of tokens) {
		if (token.kind === 'break') {
			commit();
			continue;
		}
		if (token.kind === 'space') {
			if (line.length > 0) {
				line.push(token);
				width += token.width;
			}
			continue;
		}
		const pieces = token.width > maxWidth ? breakWord(token, maxWidth, size, typesetter) : [token];
		for (const piece of pieces) {
			if (line.length > 0 && width + piece.width > maxWidth) commit();
			line.push(piece);
			width += piece.width;
		}
	}
	commit();
	return lines;
}

function lineWidth(line: readonly Token[]): number {
	return line.reduce((sum, token) => sum + token.width, 0);
}

function drawLine(
	ops: DrawOp[],
	line: readonly Token[],
	options: { x: number; baseline: number; width: number; align: TextAlign; last: boolean },
	size: number,
	layout: RichLayoutOptions,
	typesetter: Typesetter
): void {
	const natural = lineWidth(line);
	const spaces = line.filter((token) => token.kind === 'space').length;
	const justify = options.align === 'justify' && !options.last && spaces > 0;
	const extraPerSpace = justify ? (options.width - natural) / spaces : 0;
	let x = options.x;
	if (options.align === 'right') x += options.width - natural;
	else if (options.align === 'center') x += (options.width - natural) / 2;

	// Consecutive tokens of one run become one text operation (per word when justified).
	let index = 0;
	while (index < line.length) {
		const first = line[index];
		if (!first) break;
		let text = first.text;
		let width = first.width;
		let next = index + 1;
		while (!justify && next < line.length && line[next]?.run === first.run) {
			text += line[next]?.text ?? '';
			width += line[next]?.width ?? 0;
			next += 1;
		}
		if (justify && first.kind === 'space') {
			x += width + extraPerSpace;
			index = next;
			continue;
		}
		const color = first.run.link ? layout.linkColor : layout.color;
		typesetter.place(ops, { x, y: options.baseline, text, style: first.style, size, color });
		const visible = text.trimEnd();
		const drawnWidth = visible === text ? width : typesetter.width(visible, first.style, size);
		if (first.run.underline || first.run.link) {
			const y = options.baseline + size * 0.15;
			ops.push({
				kind: 'line',
				x1: x,
				y1: y,
				x2: x + drawnWidth,
				y2: y,
				width: size * 0.06,
				color
			});
		}
		if (first.run.link) {
			const top = options.baseline - size * typesetter.metrics.ascent;
			ops.push({
				kind: 'link',
				x,
				y: top,
				width: drawnWidth,
				height: size * 1.2,
				url: first.run.link
			});
		}
		x += width;
		index = next;
	}
}

function layoutParagraph(
	block: Extract<RichBlock, { kind: 'paragraph' }>,
	y: number,
	ops: DrawOp[],
	layout: RichLayoutOptions,
	typesetter: Typesetter
): number {
	const heading = block.headingLevel !== undefined;
	const size = heading
		? layout.size * (HEADING_SCALE[(block.headingLevel ?? 1) - 1] ?? 1)
		: layout.size;
	const indent = block.indent * INDENT;
	const x = layout.x + indent;
	const width = Math.max(layout.width - indent, size * 4);
	const lines = breakLines(
		tokenize(block.runs, heading, size, typesetter),
		width,
		size,
		typesetter
	);
	const lineHeight = typesetter.lineHeight(size);
	if (block.marker) {
		const marker = typesetter.fit(block.marker);
		const markerWidth = typesetter.width(marker, 'regular', size);
		typesetter.place(ops, {
			x: x - markerWidth - size * 0.4,
			y: y + typesetter.baseline(size),
			text: marker,
			style: 'regular',
			size,
			color: layout.color
		});
	}
	lines.forEach((line, index) => {
		drawLine(
			ops,
			line,
			{
				x,
				baseline: y + index * lineHeight + typesetter.baseline(size),
				width,
				align: block.align,
				last: index === lines.length - 1
			},
			size,
			layout,
			typesetter
		);
	});
	return lines.length * lineHeight + (heading ? size * 0.3 : size * 0.15);
}

function layoutImage(
	block: Extract<RichBlock, { kind: 'image' }>,
	y: number,
	ops: DrawOp[],
	layout: RichLayoutOptions,
	images: ImageRegistry
): number {
	const image = images.use(block.src);
	if (!image) return 0;
	const aspect = image.height / image.width;
	let width = (block.width ?? (block.height ? block.height / aspect : image.width)) * CSS_PIXEL;
	let height = (block.height ?? (block.width ? block.width * aspect : image.height)) * CSS_PIXEL;
	const indent = block.indent * INDENT;
	const available = layout.width - indent;
	const scale = Math.min(1, available / width, layout.maxImageHeight / height);
	width *= scale;
	height *= scale;
	let x = layout.x + indent;
	if (block.align === 'right') x += available - width;
	else if (block.align === 'center') x += (available - width) / 2;
	ops.push({ kind: 'image', x, y, width, height, imageId: image.id });
	return height + layout.size * 0.4;
}

/** Lays out a header or footer top-down from (x, y). */
export function layoutRichDocument(
	document: RichDocument,
	layout: RichLayoutOptions,
	typesetter: Typesetter,
	images: ImageRegistry
): RichLayout {
	const ops: DrawOp[] = [];
	let y = layout.y;
	for (const block of document.blocks) {
		if (block.kind === 'paragraph') {
			y += layoutParagraph(block, y, ops, layout, typesetter);
		} else if (block.kind === 'image') {
			y += layoutImage(block, y, ops, layout, images);
		} else {
			const x = layout.x + block.indent * INDENT;
			const ruleY = y + layout.size * 0.5;
			ops.push({
				kind: 'line',
				x1: x,
				y1: ruleY,
				x2: layout.x + layout.width,
				y2: ruleY,
				width: 0.5,
				color: layout.color
			});
			y += layout.size;
		}
	}
	return { ops, height: y - layout.y };
}
