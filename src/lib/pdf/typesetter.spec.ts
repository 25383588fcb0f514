import { beforeAll, describe, expect, it } from 'vitest';
import type { FontMetrics, FontStyle } from './draw-ops';
import { loadEmbeddedFonts } from './fonts';
import { Typesetter } from './typesetter';

let metrics: FontMetrics;
beforeAll(async () => {
	metrics = await loadEmbeddedFonts(['regular', 'bold'], { emoji: true, extended: true });
});

/** Greedy wrap measuring each whole candidate line: what `wrap` must match break for break. */
function wrapByWholeLines(text: string, style: FontStyle, size: number, maxWidth: number) {
	const width = (line: string) => metrics.widthOf(line, style) * size;
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of paragraph.split(' ')) {
			const candidate = line === '' ? word : `${line} ${word}`;
			if (width(candidate) <= maxWidth) {
				line = candidate;
				continue;
			}
			if (line !== '') lines.push(line);
			line = word;
			while (line.length > 1 && width(line) > maxWidth) {
				let cut = line.length - 1;
				while (cut > 1 && width(line.slice(0, cut)) > maxWidth) cut -= 1;
				lines.push(line.slice(0, cut));
				line = line.slice(cut);
			}
		}
		lines.push(line);
	}
	return lines;
}

const TEXTS = [
	"Webdesign: ontwerp van de homepage en zes subpagina's, twee feedbackrondes inbegrepen",
	'Boek „Brouwen in Vlaanderen” (cadeau voor het team)  met  dubbele  spaties',
	'Ticket #1009: aanpassing van het bestelformulier, validatie van btw-nummers\nen e-mailbevestiging',
	'Een-heel-lang-woord-zonder-spaties-dat-breder-is-dan-de-kolom-waarin-het-moet-passen',
	'Łódź, Šibenik en Ærøskøbing 🍺 — prijs € 1.234,56 ✓',
	''
];

describe('Typesetter.wrap', () => {
	it('breaks exactly where measuring each whole candidate line breaks', () => {
		const typesetter = new Typesetter(metrics);
		for (const text of TEXTS)
			for (const style of ['regular', 'bold'] as const)
				for (let maxWidth = 12; maxWidth <= 420; maxWidth += 7.25) {
					const fitted = typesetter.fit(text);
					expect(typesetter.wrap(text, style, 9, maxWidth), `${text} @ ${maxWidth}`).toEqual(
						wrapByWholeLines(fitted, style, 9, maxWidth)
					);
				}
	});

	it('measures a string as the sum of its code units in order', () => {
		const text = 'Élodie Lefèvre 🍺 Łódź';
		let total = 0;
		for (let index = 0; index < text.length; index += 1)
			total += metrics.advance(text.charCodeAt(index), 'bold');
		expect(metrics.widthOf(text, 'bold')).toBe(total / 1000);
		expect(total).toBeGreaterThan(0);
	});
});
