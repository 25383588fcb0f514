import type { Color, DrawOp, FontMetrics, FontStyle, PdfWarning } from './draw-ops';
import { emojiCodeUnit } from './glyph-coverage';
import { fitTextToFont } from './text-fallback';

/** Measures, wraps and places strings, replacing characters the fonts lack (see text-fallback). */
export class Typesetter {
	readonly usedStyles = new Set<FontStyle>();
	private readonly fitted = new Map<string, string>();
	private readonly replaced = new Map<string, string>();

	constructor(readonly metrics: FontMetrics) {}

	fit(text: string): string {
		let result = this.fitted.get(text);
		if (result === undefined) {
			const fit = fitTextToFont(text, (code) => this.metrics.covers(code), emojiCodeUnit);
			for (const { character, printedAs } of fit.replacements)
				this.replaced.set(character, printedAs);
			result = fit.text;
			this.fitted.set(text, result);
		}
		return result;
	}

	/** Width of an already fitted string. */
	width(text: string, style: FontStyle, size: number): number {
		return this.metrics.widthOf(text, style) * size;
	}

	lineHeight(size: number): number {
		return size * 1.3;
	}

	/** Distance from the top of a line box to its baseline. */
	baseline(size: number): number {
		const lineHeight = this.lineHeight(size);
		const glyphs = (this.metrics.ascent + this.metrics.descent) * size;
		return (lineHeight - glyphs) / 2 + this.metrics.ascent * size;
	}

	/** The advances of `text` added to `total` in order: the sum widthOf makes of line + text. */
	private extend(total: number, text: string, style: FontStyle): number {
		for (let index = 0; index < text.length; index += 1)
			total += this.metrics.advance(text.charCodeAt(index), style);
		return total;
	}

	/**
	 * Greedy word wrap; words wider than the box are broken between characters. The line's width
	 * is kept as a running sum instead of measuring the whole candidate again for each word: the
	 * same additions in the same order, so the same breaks.
	 */
	wrap(text: string, style: FontStyle, size: number, maxWidth: number): string[] {
		const lines: string[] = [];
		for (const paragraph of this.fit(text).split('\n')) {
			let line = '';
			let lineTotal = 0;
			for (const word of paragraph.split(' ')) {
				const candidateTotal =
					line === '' ? this.extend(0, word, style) : this.extend(lineTotal, ` ${word}`, style);
				if ((candidateTotal / 1000) * size <= maxWidth) {
					line = line === '' ? word : `${line} ${word}`;
					lineTotal = candidateTotal;
					continue;
				}
				if (line !== '') lines.push(line);
				line = word;
				while (line.length > 1 && this.width(line, style, size) > maxWidth) {
					let cut = line.length - 1;
					while (cut > 1 && this.width(line.slice(0, cut), style, size) > maxWidth) cut -= 1;
					lines.push(line.slice(0, cut));
					line = line.slice(cut);
				}
				lineTotal = this.extend(0, line, style);
			}
			lines.push(line);
		}
		return lines;
	}

	/** Pushes a text operation for a fitted string aligned within [x, x + boxWidth]. */
	place(
		ops: DrawOp[],
		options: {
			x: number;
			y: number;
			text: string;
			style: FontStyle;
			size: number;
			color: Color;
			align?: 'left' | 'right' | 'center';
			boxWidth?: number;
		}
	): number {
		const { text, style, size } = options;
		const width = this.width(text, style, size);
		if (text.trim() === '') return width;
		let x = options.x;
		if (options.align === 'right') x += (options.boxWidth ?? 0) - width;
		else if (options.align === 'center') x += ((options.boxWidth ?? 0) - width) / 2;
		this.usedStyles.add(style);
		ops.push({ kind: 'text', x, y: options.y, text, style, size, color: options.color });
		return width;
	}

	warnings(): PdfWarning[] {
		if (this.replaced.size === 0) return [];
		const listed = [...this.replaced]
			.map(([character, printedAs]) => `"${character}" as "${printedAs}"`)
			.join(', ');
		return [
			{
				code: 'glyph-fallback',
				message: `characters outside the embedded fonts were printed otherwise: ${listed}; the UBL keeps the exact text`
			}
		];
	}
}
