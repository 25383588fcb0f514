import { readFileSync } from 'node:fs';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { extractLinks, extractText, getDocumentProxy, getMeta } from 'unpdf';
import { describe, expect, it, vi } from 'vitest';
import { jsPDF } from 'jspdf';
import { DEFAULT_VAT_CODE_IDS, defaultVatCodes } from '$lib/vat';
import { renderInvoicePdf } from './index';
import { sampleFooter, sampleHeader, sampleInvoiceDocument } from './sample-invoice';

const fixture = (name: string) =>
	new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/pdf/${name}`, import.meta.url)));
const logo = `data:image/png;base64,${Buffer.from(fixture('logo.png')).toString('base64')}`;
const terms = fixture('terms-of-sale.pdf');

/** Text per page, read back by pdf.js (through unpdf), with runs of whitespace collapsed. */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
	const pdf = await getDocumentProxy(new Uint8Array(bytes));
	const { text } = await extractText(pdf, { mergePages: false });
	return text.map((page) => page.replace(/\s+/g, ' '));
}

async function pageCount(bytes: Uint8Array): Promise<number> {
	return (await PDFDocument.load(bytes)).getPageCount();
}

/** Image XObjects a page actually paints: `/Name Do` in its content stream, resolved to an Image. */
async function imagesOnPage(
	bytes: Uint8Array,
	index: number
): Promise<{ width: number; height: number }[]> {
	const document = await PDFDocument.load(bytes);
	const page = document.getPage(index);
	const contents = page.node.Contents();
	const streams = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
	let operators = '';
	for (const item of streams) {
		const stream = document.context.lookup(item);
		if (stream instanceof PDFRawStream) {
			operators += new TextDecoder('latin1').decode(decodePDFRawStream(stream).decode());
		}
	}
	const xObjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
	const images: { width: number; height: number }[] = [];
	for (const [, name] of operators.matchAll(/\/([^\s/]+)\s+Do\b/g)) {
		const stream = xObjects?.lookup(PDFName.of(name ?? ''));
		if (!(stream instanceof PDFRawStream)) continue;
		if (stream.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
		images.push({
			width: Number(stream.dict.get(PDFName.of('Width'))?.toString()),
			height: Number(stream.dict.get(PDFName.of('Height'))?.toString())
		});
	}
	return images;
}

/** The BaseFont of every font the PDF embeds. */
async function fontsOf(bytes: Uint8Array): Promise<string> {
	const document = await PDFDocument.load(bytes);
	const names: string[] = [];
	document.context.enumerateIndirectObjects().forEach(([, object]) => {
		if (object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('Font'))
			names.push(String(object.get(PDFName.of('BaseFont'))));
	});
	return names.join(' ');
}

describe('renderInvoicePdf', () => {
	it('prints the number, totals, VAT lines, cash discount, mentions and OGM, readable by a real extractor', async () => {
		const document = sampleInvoiceDocument();
		const pdf = await renderInvoicePdf(document, {
			header: sampleHeader(logo),
			footer: sampleFooter()
		});
		expect(pdf.pageCount).toBe(1);
		expect(await pageCount(pdf.bytes)).toBe(1);
		const [text = ''] = await pageTexts(pdf.bytes);
		expect(text).toContain('Factuur');
		expect(text).toContain('2026-0042');
		expect(text).toContain('16/03/2026');
		// 18 × 75 + 450 − 10 % + 12 × 19,95 = 1994,40 at 21 %; 59,00 at 6 %.
		expect(text).toContain('1.350,00');
		expect(text).toContain('239,40');
		expect(text).toMatch(/Btw-overzicht/);
		expect(text).toMatch(/21% € 1\.954,51 € 410,45/);
		expect(text).toMatch(/6% € 57,82 € 3,47/);
		expect(text).toMatch(/Te betalen € 2\.467,32/);
		expect(text).toContain(
			'Bij betaling binnen 14 dagen (uiterlijk 30/03/2026) geldt 2% korting voor contante betaling (€ 41,07) en is het te betalen bedrag € 2.426,25. Anders is € 2.467,32 verschuldigd.'
		);
		expect(text).toContain('+++000/0000/04242+++');
		expect(text).toContain('BE68 5390 0754 7034');
		expect(text).toContain('BTW BE 0123.456.749');
		expect(text).toContain('Btw-nummer klant BE 0417.497.106');
		expect(text).toContain('Élodie Lefèvre');
		expect(text).toContain('„Brouwen in Vlaanderen”');
		expect(text).toContain('Pagina 1/1');
		const { info } = await getMeta(await getDocumentProxy(new Uint8Array(pdf.bytes)));
		expect(info).toMatchObject({
			Title: 'Factuur 2026-0042',
			Author: 'Lotte Janssens',
			Language: 'nl-BE'
		});
		expect(pdf.warnings).toEqual([]);
	});

	it('prints the legal mention of the VAT codes used (reverse charge for a co-contractor)', async () => {
		const document = sampleInvoiceDocument();
		document.lines = [
			{
				type: 'item',
				description: 'Renovatie badkamer',
				quantity: '1',
				unitCode: 'C62',
				unitPrice: '8000',
				vatCodeId: DEFAULT_VAT_CODE_IDS.coContractor
			}
		];
		document.vatCodes = defaultVatCodes.filter(
			(code) => code.id === DEFAULT_VAT_CODE_IDS.coContractor
		);
		document.cashDiscount = undefined;
		const [text = ''] = await pageTexts((await renderInvoicePdf(document)).bytes);
		expect(text).toContain('Verlegging van heffing. Bij gebrek aan schriftelijke betwisting');
		expect(text).toMatch(/Verlegd € 8\.000,00 € 0,00/);
	});

	it('draws the logo from the header as an image XObject on page 1, and its link as a link', async () => {
		const pdf = await renderInvoicePdf(sampleInvoiceDocument(), { header: sampleHeader(logo) });
		const { links } = await extractLinks(await getDocumentProxy(new Uint8Array(pdf.bytes)));
		expect(links).toEqual(['https://atelierjanssens.be/']);
		expect(await imagesOnPage(pdf.bytes, 0)).toEqual([{ width: 360, height: 110 }]);
		const plain = await renderInvoicePdf(sampleInvoiceDocument());
		expect(await imagesOnPage(plain.bytes, 0)).toEqual([]);
	});

	it('appends the terms of sale from page 2 and reports the page counts', async () => {
		const without = await renderInvoicePdf(sampleInvoiceDocument());
		const withTerms = await renderInvoicePdf(sampleInvoiceDocument(), { terms });
		expect(await pageCount(without.bytes)).toBe(1);
		expect(await pageCount(withTerms.bytes)).toBe(3);
		expect(withTerms).toMatchObject({ pageCount: 3, invoicePageCount: 1, warnings: [] });
		const texts = await pageTexts(withTerms.bytes);
		expect(texts[0]).toContain('2026-0042');
		expect(texts[1]).toContain('Algemene verkoopsvoorwaarden');
	});

	it('leaves a damaged terms file out with a warning instead of breaking the invoice', async () => {
		const pdf = await renderInvoicePdf(sampleInvoiceDocument(), {
			terms: terms.slice(0, terms.length / 2)
		});
		expect(pdf.pageCount).toBe(1);
		expect(await pageCount(pdf.bytes)).toBe(1);
		expect(pdf.warnings).toEqual([expect.objectContaining({ code: 'terms-skipped' })]);
		expect((await pageTexts(pdf.bytes))[0]).toContain('2026-0042');
	});

	it('paginates a 200-line invoice with the column header and running head on every page', async () => {
		const pdf = await renderInvoicePdf(sampleInvoiceDocument(200), {
			header: sampleHeader(logo),
			footer: sampleFooter()
		});
		const texts = await pageTexts(pdf.bytes);
		expect(texts.length).toBe(pdf.pageCount);
		expect(texts.length).toBeGreaterThanOrEqual(5);
		texts.forEach((text, index) => {
			// Pages that carry lines start with the column header; the last may hold only the totals.
			if (text.includes('Ticket #')) {
				expect(text).toMatch(
					/Omschrijving Aantal Eenheidsprijs Btw Bedrag (Week \d+: .+ )?Ticket #/
				);
			}
			expect(text).toContain(`Pagina ${index + 1}/${texts.length}`);
			expect(text).toContain('BTW BE 0123.456.749 · IBAN');
			if (index > 0) expect(text).toContain('Factuur 2026-0042 (vervolg)');
		});
		// Every line made it, in order, exactly once.
		const all = texts.join(' ');
		for (const ticket of [1001, 1051, 1123, 1199]) {
			expect(all.split(`Ticket #${ticket}:`).length - 1).toBe(1);
		}
		expect(all.indexOf('Ticket #1001:')).toBeLessThan(all.indexOf('Ticket #1199:'));
		expect(texts[texts.length - 1]).toContain('Te betalen');
		// The logo (header) is on page 1 only; the footer repeats.
		expect(await imagesOnPage(pdf.bytes, 0)).toHaveLength(1);
		expect(await imagesOnPage(pdf.bytes, 1)).toHaveLength(0);
	});

	it('embeds the UBL XML as a file attachment', async () => {
		const xml =
			'<?xml version="1.0" encoding="UTF-8"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><cbc:ID xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">2026-0042</cbc:ID></Invoice>';
		const pdf = await renderInvoicePdf(sampleInvoiceDocument(), { ubl: xml, terms });
		const proxy = await getDocumentProxy(new Uint8Array(pdf.bytes));
		const attachments = (await proxy.getAttachments()) as Record<
			string,
			{ filename: string; content: Uint8Array }
		>;
		const attached = Object.values(attachments);
		expect(attached.map((file) => file.filename)).toEqual(['2026-0042.xml']);
		expect(new TextDecoder().decode(attached[0]?.content)).toBe(xml);
		expect(pdf.pageCount).toBe(3);
	});

	it('writes Unicode through the embedded font and simplifies what the font lacks', async () => {
		const document = sampleInvoiceDocument();
		document.buyer.name = 'Łódź Hőség Çelik € Ωμέγα Иван ǅ 漢';
		const pdf = await renderInvoicePdf(document);
		const [text = ''] = await pageTexts(pdf.bytes);
		expect(text).toContain('Łódź Hőség Çelik € Ωμέγα Иван');
		// "ǅ" decomposes to "Dž" (covered); CJK is outside every embedded font.
		expect(text).toContain('Dž ?');
		expect(pdf.warnings).toEqual([
			expect.objectContaining({ code: 'glyph-fallback', message: expect.stringContaining('"漢"') })
		]);
	});

	it('prints names with any Latin-extended letter from the extended font, and loads it only then', async () => {
		const names = 'Ştefan Żółw Łódź Hőség Čapek Ŋŧ ĳssel Ωμέγα Иван';
		const document = sampleInvoiceDocument();
		document.buyer.name = names;
		// The bold part too: the item text is regular, the total's label bold.
		document.lines = document.lines.map((line) =>
			line.type === 'item' ? { ...line, description: `Đorđe Šimić ${line.description}` } : line
		);
		const pdf = await renderInvoicePdf(document);
		expect(pdf.warnings).toEqual([]);
		const [text = ''] = await pageTexts(pdf.bytes);
		expect(text).toContain(names);
		expect(text).toContain('Đorđe Šimić');
		expect(text).not.toContain('?');
		expect(await fontsOf(pdf.bytes)).toMatch(/InterExtended/);
		for (const language of ['nl', 'fr', 'en', 'de'] as const) {
			const plain = sampleInvoiceDocument();
			plain.language = language;
			plain.buyer.name = 'Œuvre Ÿvette Müller Straße Façade Ærø — « 12 € »';
			const rendered = await renderInvoicePdf(plain, {
				header: sampleHeader(logo),
				footer: sampleFooter()
			});
			expect((await pageTexts(rendered.bytes))[0]).toContain(plain.buyer.name);
			expect(await fontsOf(rendered.bytes)).not.toMatch(/InterExtended|NotoEmoji/);
		}
	});

	it('prints emoji and symbols from the emoji font instead of "?", and loads it only then', async () => {
		const document = sampleInvoiceDocument();
		document.buyer.name = 'Thanks 🙂 ✓ ☎ ❤️';
		const pdf = await renderInvoicePdf(document);
		expect(pdf.warnings).toEqual([]);
		const [text = ''] = await pageTexts(pdf.bytes);
		// ✓ is Inter's own; ☎ and ❤ are the emoji font's; 🙂 extracts as its private-use stand-in.
		expect(text).toContain('Thanks \ue642 ✓ ☎ ❤');
		expect(text).not.toContain('?');
		expect(await fontsOf(pdf.bytes)).toMatch(/NotoEmoji/);
		expect(await fontsOf((await renderInvoicePdf(sampleInvoiceDocument())).bytes)).not.toMatch(
			/NotoEmoji/
		);
	});

	it('prints the labels in the language of the document (a French invoice of a Brussels seller)', async () => {
		const document = sampleInvoiceDocument();
		document.buyer.language = 'fr';
		const dutch = await renderInvoicePdf(document);
		expect(dutch.language).toBe('nl');
		document.seller.address = {
			street: 'Rue Haute 5',
			postalCode: '1000',
			city: 'Bruxelles',
			countryCode: 'BE'
		};
		document.language = 'fr';
		const brussels = await renderInvoicePdf(document);
		expect(brussels.language).toBe('fr');
		const [text = ''] = await pageTexts(brussels.bytes);
		expect(text).toContain('Facture');
		expect(text).toContain('Récapitulatif TVA');
		expect(text).toContain('À payer');
		expect(text).toContain('En cas de paiement dans les 14 jours (au plus tard le 30/03/2026)');
		expect(text).toContain('Communication +++000/0000/04242+++');
	});

	it('gives the same bytes for the same invoice, and parses each font once across documents', async () => {
		const first = await renderInvoicePdf(sampleInvoiceDocument(), { header: sampleHeader(logo) });
		const parser = (jsPDF.API as unknown as { TTFFont: { open: (bytes: Uint8Array) => unknown } })
			.TTFFont;
		const open = vi.spyOn(parser, 'open');
		const second = await renderInvoicePdf(sampleInvoiceDocument(), { header: sampleHeader(logo) });
		open.mockRestore();
		expect(second.bytes).toEqual(first.bytes);
		// Other glyphs in between (another cached subset program) leave both documents intact.
		const other = sampleInvoiceDocument();
		other.buyer.name = 'Ştefan Żółw — Ærø';
		const [otherText = ''] = await pageTexts((await renderInvoicePdf(other)).bytes);
		expect(otherText).toContain('Ştefan Żółw — Ærø');
		const third = await renderInvoicePdf(sampleInvoiceDocument(), { header: sampleHeader(logo) });
		expect(third.bytes).toEqual(first.bytes);
		// jsPDF would call its parser for every font of every document; ours hands it the parsed one.
		expect(open).not.toHaveBeenCalled();
	});
});
