import { jsPDF } from 'jspdf';
import { describe, expect, it } from 'vitest';
import { loadEmbeddedFonts } from './fonts';
import { dropRtlTextHooks, isRtlTextHook } from './text-hooks';

type Hook = Parameters<typeof isRtlTextHook>[0];
const events = (jsPDF.API as unknown as { events: Hook[] }).events;

/** Text as the invoice draws it: the embedded Inter, punctuation, digits, accents, €. */
async function draw(): Promise<string> {
	const fonts = await loadEmbeddedFonts(['regular']);
	const doc = new jsPDF({ unit: 'pt', compress: false });
	doc.setCreationDate("D:20260316000000+00'00'");
	doc.setFileId('0'.repeat(32));
	fonts.register(doc, ['regular']);
	doc.setFont('Inter', 'normal');
	for (const [index, text] of [
		'Factuur 2026-0042 (kopie)',
		'Élodie Lefèvre — € 1.234,56 [21 %]',
		'Boek „Brouwen in Vlaanderen” <cadeau>'
	].entries())
		doc.text(text, 20, 40 + index * 20);
	return doc.output();
}

describe('RTL text hooks', () => {
	it("finds exactly jsPDF's Arabic shaper and bidi reordering", () => {
		const found = events.filter(isRtlTextHook).map(([topic]) => topic);
		expect(found.sort()).toEqual(['postProcessText', 'preProcessText']);
	});

	it('leaves them out without changing a byte of the text the invoice draws', async () => {
		const kept = [...events];
		const own = await draw();
		dropRtlTextHooks();
		expect(events.filter(isRtlTextHook)).toEqual([]);
		expect(events.length).toBe(kept.length - 2);
		const ours = await draw();
		expect(ours).toContain('/Type0');
		expect(ours).toBe(own);
	});
});
