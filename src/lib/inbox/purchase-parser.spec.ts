import Big from 'big.js';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '$lib/bytes';
import {
	MAX_PURCHASE_DOCUMENT_BYTES,
	type PurchaseDocument,
	type PurchaseParseProblem
} from './purchase-document';
import { parsePurchaseDocument } from './purchase-parser';
import { MAX_PURCHASE_ELEMENTS } from './purchase-xml';

const FIXTURES = 'tests/fixtures/inbox';
const OFFICIAL = 'src/lib/peppol-rules/data/examples';
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const fixtureText = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

function parsed(bytes: Uint8Array): PurchaseDocument {
	const result = parsePurchaseDocument(bytes);
	if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
	return result.document;
}

function problemOf(bytes: Uint8Array): PurchaseParseProblem {
	const result = parsePurchaseDocument(bytes);
	if (result.ok) throw new Error(`accepted ${result.document.number}`);
	return result.problem;
}

/**
 * The totals as the raw text states them, found without the parser (any prefix, first match):
 * what the parser returns must be exactly these.
 */
function statedTotal(xml: string, name: string): string | undefined {
	const found = new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>\\s*([^<\\s]+)\\s*<`).exec(
		xml.slice(xml.search(/<(?:\w+:)?LegalMonetaryTotal\b/))
	);
	return found?.[1];
}

/** EN 16931's sums (BR-CO-10, -13, -15, -16, BR-CO-14), checked with exact decimals. */
function expectConsistentTotals(document: PurchaseDocument) {
	const sum = (values: (string | undefined)[]) =>
		values.reduce((total, value) => total.plus(value ?? '0'), new Big(0));
	const { totals } = document;
	expect(sum(document.lines.map((line) => line.lineTotal)).eq(totals.lineExtension)).toBe(true);
	expect(
		new Big(totals.lineExtension)
			.minus(totals.allowances ?? '0')
			.plus(totals.charges ?? '0')
			.eq(totals.taxExclusive)
	).toBe(true);
	expect(new Big(totals.taxExclusive).plus(totals.tax).eq(totals.taxInclusive)).toBe(true);
	expect(
		new Big(totals.taxInclusive)
			.minus(totals.prepaid ?? '0')
			.plus(totals.rounding ?? '0')
			.eq(totals.payable)
	).toBe(true);
	expect(sum(document.vatBreakdown.map((group) => group.taxAmount)).eq(totals.tax)).toBe(true);
}

function expectStatedTotals(xml: string, document: PurchaseDocument) {
	expect(document.totals.payable).toBe(statedTotal(xml, 'PayableAmount'));
	expect(document.totals.lineExtension).toBe(statedTotal(xml, 'LineExtensionAmount'));
	expect(document.totals.taxExclusive).toBe(statedTotal(xml, 'TaxExclusiveAmount'));
	expect(document.totals.taxInclusive).toBe(statedTotal(xml, 'TaxInclusiveAmount'));
	expect(document.lines).toHaveLength(
		(xml.match(/<(?:\w+:)?(?:InvoiceLine|CreditNoteLine)\b/g) ?? []).length
	);
}

describe('parsePurchaseDocument on real-world shapes', () => {
	it('reads an ERP invoice whose namespaces are ns0/ns1 and the default, with three VAT rates', () => {
		const document = parsed(fixture('odd-prefixes-several-rates.xml'));
		expect(document).toMatchObject({
			kind: 'invoice',
			number: 'TV-2026-0315',
			issueDate: '2026-03-15',
			dueDate: '2026-04-14',
			typeCode: '380',
			currency: 'EUR',
			buyerReference: 'ECONOMAAT-77',
			orderReference: 'PO-2026-118',
			contractReference: 'RAAM-2025-04',
			projectReference: 'OPENDEUR-2026',
			notes: ['Receptie opendeur 14 maart'],
			precedingInvoices: [],
			delivery: { date: '2026-03-14', place: 'Schoolstraat 1, 2800 Mechelen, BE' },
			payment: {
				meansCode: '30',
				reference: '+++202/6031/50066+++',
				accounts: [{ iban: 'BE68539007547034', name: 'Vanhove Catering BV', bic: 'TRIOBEBB' }],
				terms: 'Betaling binnen 30 dagen. Voorschot van 100,00 EUR ontvangen op 1 maart.'
			},
			totals: {
				lineExtension: '619.00',
				allowances: '15.00',
				charges: '25.00',
				taxExclusive: '629.00',
				tax: '84.15',
				taxInclusive: '713.15',
				prepaid: '100.00',
				payable: '613.15'
			}
		});
		expect(document.supplier).toEqual({
			name: 'Vanhove Catering BV',
			tradingName: 'Traiteur Vanhove',
			vatNumber: 'BE0417497106',
			companyId: { id: '0417497106', scheme: '0208' },
			endpoint: { id: '0417497106', scheme: '0208' },
			address: {
				lines: ['Bruul 42', 'Achteringang'],
				city: 'Mechelen',
				postalCode: '2800',
				subdivision: 'Antwerpen',
				country: 'BE'
			},
			contact: {
				name: 'Els Vanhove',
				phone: '+32 15 11 22 33',
				email: 'facturen@traiteur-vanhove.example'
			}
		});
		expect(document.vatBreakdown).toEqual([
			{ category: 'S', rate: '12', taxableAmount: '291.00', taxAmount: '34.92' },
			{ category: 'S', rate: '21', taxableAmount: '193.00', taxAmount: '40.53' },
			{ category: 'S', rate: '6', taxableAmount: '145.00', taxAmount: '8.70' }
		]);
		expect(document.allowancesCharges).toEqual([
			{
				isCharge: true,
				amount: '25.00',
				reason: 'Levering en opbouw',
				reasonCode: 'DL',
				vatCategory: 'S',
				vatRate: '21'
			},
			{
				isCharge: false,
				amount: '15.00',
				reason: 'Getrouwheidskorting',
				reasonCode: '95',
				vatCategory: 'S',
				vatRate: '12'
			}
		]);
		expect(document.lines[0]).toEqual({
			id: '10',
			name: 'Broodjeslunch',
			description: 'Belegde broodjes, drie soorten per persoon',
			quantity: '40',
			unitCode: 'C62',
			netPrice: '8.50',
			lineTotal: '306.00',
			vatCategory: 'S',
			vatRate: '12',
			allowancesCharges: [
				{
					isCharge: false,
					amount: '34.00',
					baseAmount: '340.00',
					percent: '10',
					reason: 'Groepskorting 10 %',
					reasonCode: '95'
				}
			],
			sellerItemId: 'BL-01',
			note: 'Inclusief bediening',
			period: { start: '2026-03-14', end: '2026-03-14' }
		});
		expect(document.lines[2]).toMatchObject({ netPrice: '12.50', baseQuantity: '10' });
		const [pdf, link] = document.attachments;
		expect(pdf).toMatchObject({
			id: 'TV-2026-0315.pdf',
			description: 'Factuur als PDF',
			fileName: 'TV-2026-0315.pdf',
			mimeType: 'application/pdf'
		});
		expect(fromUtf8(pdf!.bytes!)).toMatch(/^%PDF-1\.7\n.*TV-2026-0315\n%%EOF\n$/);
		expect(link).toEqual({
			id: 'MENU-0315',
			description: 'Menu en allergenen',
			externalUri: 'https://traiteur-vanhove.example/menu/0315'
		});
	});

	it('leaves absent what a minimal invoice omits, and reads per-element default namespaces', () => {
		const document = parsed(fixture('missing-optionals.xml'));
		expect(document.number).toBe('2026/17');
		expect(document.orderReference).toBe('BON 4471');
		expect(document.payment).toEqual({ accounts: [], terms: 'Contant bij levering' });
		expect(document.supplier).toEqual({
			name: 'Dirk Claes',
			vatNumber: 'BE0477472008',
			endpoint: { id: '0477472008', scheme: '0208' },
			address: { lines: [], country: 'BE' }
		});
		expect(document.buyer.vatNumber).toBeUndefined();
		for (const key of [
			'dueDate',
			'buyerReference',
			'taxCurrency',
			'taxTotalInTaxCurrency',
			'payee',
			'delivery',
			'contractReference'
		])
			expect(document).not.toHaveProperty(key);
		expect(document.lines).toEqual([
			{
				id: '1',
				name: 'Snoeiwerk',
				quantity: '5',
				unitCode: 'HUR',
				netPrice: '50',
				lineTotal: '250.00',
				vatCategory: 'S',
				vatRate: '21',
				allowancesCharges: []
			}
		]);
		expect(document.attachments).toEqual([]);
	});

	it('takes BT-110 in the document currency and BT-111 in the tax currency, whatever their order', () => {
		const document = parsed(fixture('usd-vat-in-eur.xml'));
		expect(document.currency).toBe('USD');
		expect(document.taxCurrency).toBe('EUR');
		expect(document.totals.tax).toBe('315.00');
		expect(document.taxTotalInTaxCurrency).toBe('290.59');
		expect(document.vatBreakdown).toEqual([
			{ category: 'S', rate: '21', taxableAmount: '1500.00', taxAmount: '315.00' }
		]);
		expect(document.supplier.address).toMatchObject({ country: 'US', subdivision: 'WA' });
		expect(document.supplier.endpoint).toEqual({ id: '7300010000001', scheme: '0088' });
	});

	it('reads a credit note with its own prefixes, negative lines, the corrected invoice and its due date', () => {
		const document = parsed(fixture('credit-note-negative-lines.xml'));
		expect(document.kind).toBe('credit-note');
		expect(document.typeCode).toBe('381');
		expect(document.dueDate).toBe('2026-03-31');
		expect(document.precedingInvoices).toEqual([
			{ number: 'KWS-2026-0088', issueDate: '2026-02-10' }
		]);
		expect(
			document.lines.map(({ quantity, lineTotal, name }) => [quantity, lineTotal, name])
		).toEqual([
			['3', '120.00', 'Vase Westerwald, blau'],
			['-1', '-15.00', 'Wiedereinlagerungsgebühr']
		]);
		expect(document.vatBreakdown).toEqual([
			{
				category: 'AE',
				rate: '0',
				taxableAmount: '105.00',
				taxAmount: '0.00',
				exemptionReason: 'Steuerschuldnerschaft des Leistungsempfängers',
				exemptionReasonCode: 'VATEX-EU-AE'
			}
		]);
		expect(document.supplier).toMatchObject({
			name: 'Keramik Werkstatt Schmidt GmbH',
			vatNumber: 'DE136695976',
			endpoint: { id: 'DE136695976', scheme: '9930' },
			address: { city: 'Höhr-Grenzhausen', country: 'DE' }
		});
	});

	const wellFormed = [
		...readdirSync(FIXTURES)
			.filter((name) => name.endsWith('.xml'))
			.map((name) => join(FIXTURES, name)),
		...readdirSync(OFFICIAL).map((name) => join(OFFICIAL, name)),
		'tests/fixtures/peppol/be-sole-trader-invoice.xml',
		'tests/fixtures/peppol/be-sole-trader-creditnote.xml',
		'tests/fixtures/ubl/DL-2026-0230.xml',
		'tests/fixtures/ubl/CN-2026-0003.xml'
	];

	it.each(wellFormed)('%s: the totals are exactly the stated ones and add up', (path) => {
		const xml = readFileSync(path, 'utf8');
		const document = parsed(new Uint8Array(readFileSync(path)));
		expectStatedTotals(xml, document);
		expectConsistentTotals(document);
		expect(document.supplier.name).not.toBe('');
		expect(document.number).not.toBe('');
	});

	it('reads the official examples’ allowances, tax-currency total and supporting documents', () => {
		const document = parsed(new Uint8Array(readFileSync(join(OFFICIAL, 'Allowance-example.xml'))));
		expect(document.taxCurrency).toBe('SEK');
		expect(document.taxTotalInTaxCurrency).toBe('9324.00');
		expect(document.totals).toMatchObject({ allowances: '200', charges: '200', prepaid: '1000' });
		expect(document.attachments.map((attachment) => attachment.id)).toEqual(['ts12345']);
	});
});

describe('parsePurchaseDocument refuses what is malicious or broken, without harm', () => {
	it.each([
		['xxe-file.xml', 'doctype-forbidden', 'line 2'],
		['external-dtd.xml', 'doctype-forbidden', 'line 2'],
		['billion-laughs.xml', 'doctype-forbidden', 'line 2'],
		['quadratic-blowup.xml', 'doctype-forbidden', 'line 2'],
		['ubl-order.xml', 'not-ubl', 'line 1'],
		['invoice-without-namespace.xml', 'not-ubl', 'line 1'],
		['truncated.xml', 'malformed', undefined],
		['undefined-entity.xml', 'malformed', 'line 3:15'],
		['garbage.bin', 'not-xml', undefined]
	] as const)('%s → %s', (name, code, where) => {
		const problem = problemOf(fixture(join('malicious', name)));
		expect(problem.code).toBe(code);
		if (where !== undefined) expect(problem.where).toBe(where);
		expect(problem.message.length).toBeGreaterThan(20);
	});

	it('names the DTD and expands nothing of it', () => {
		const problem = problemOf(fixture('malicious/xxe-file.xml'));
		expect(problem.message).toContain('<!DOCTYPE> at line 2 is not allowed');
		expect(problem.message).not.toContain('root:');
	});

	it('names the root it found and the namespaces it wants', () => {
		const problem = problemOf(fixture('malicious/ubl-order.xml'));
		expect(problem.message).toContain(
			'{urn:oasis:names:specification:ubl:schema:xsd:Order-2}Order'
		);
		expect(problem.message).toContain('Invoice-2');
	});

	it('says where a truncated document stops', () => {
		const problem = problemOf(fixture('malicious/truncated.xml'));
		expect(problem.where).toMatch(/^line \d+:\d+$/);
		expect(problem.message).toMatch(/not well-formed at line \d+, column \d+: .*truncated/);
	});

	it('refuses a PDF sent in place of the UBL', () => {
		expect(
			problemOf(new Uint8Array(readFileSync('tests/fixtures/pdf/terms-of-sale.pdf'))).code
		).toBe('not-xml');
		expect(problemOf(new Uint8Array(0))).toMatchObject({
			code: 'not-xml',
			message: 'The file is empty.'
		});
	});

	it('refuses one byte over the cap before reading it, and reads a document of exactly the cap', () => {
		const xml = fixtureText('missing-optionals.xml');
		const exactly = new Uint8Array(MAX_PURCHASE_DOCUMENT_BYTES).fill(0x20);
		exactly.set(utf8(xml));
		expect(parsed(exactly).number).toBe('2026/17');
		const over = new Uint8Array(MAX_PURCHASE_DOCUMENT_BYTES + 1).fill(0x20);
		over.set(utf8(xml));
		expect(problemOf(over)).toMatchObject({ code: 'too-large' });
		expect(problemOf(over).message).toContain(`${MAX_PURCHASE_DOCUMENT_BYTES + 1} bytes`);
	});

	it('refuses a flood of elements within the byte cap', () => {
		const xml = fixtureText('missing-optionals.xml').replace(
			'</Invoice>',
			'<cbc:Note xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"/>'.repeat(
				MAX_PURCHASE_ELEMENTS
			) + '</Invoice>'
		);
		expect(problemOf(utf8(xml))).toMatchObject({ code: 'too-large' });
	});

	it('names the element, line and rule of an amount that is not a decimal or is missing', () => {
		const xml = fixtureText('missing-optionals.xml');
		const comma = problemOf(
			utf8(xml.replace('>302.50</cbc:PayableAmount>', '>302,50</cbc:PayableAmount>'))
		);
		expect(comma).toMatchObject({ code: 'malformed', where: 'line 33' });
		expect(comma.message).toContain(
			'cbc:PayableAmount (BT-115 amount due for payment) at line 33 is "302,50"'
		);
		const missing = problemOf(utf8(xml.replace(/<cbc:PayableAmount[^\n]*\n/, '')));
		expect(missing.message).toContain(
			'cac:LegalMonetaryTotal/cbc:PayableAmount (BT-115 amount due for payment) is missing; Peppol BIS rule BR-15 requires it'
		);
		const line = problemOf(utf8(xml.replace('>50</cbc:PriceAmount>', '>fifty</cbc:PriceAmount>')));
		expect(line.message).toContain(
			'cac:Price/cbc:PriceAmount (BT-146 item net price) at line 40 is "fifty"'
		);
	});

	it('refuses an attachment that is not strict base64, naming the element', () => {
		const xml = fixtureText('odd-prefixes-several-rates.xml').replace(
			'JVBERi0xLjcKJSBhIHN0YW5kLWluIGZvciB0aGUg',
			'JVBERi0xLjcKJSBhIHN0YW5kLWluIGZvciB0aGU_'
		);
		const problem = problemOf(utf8(xml));
		expect(problem.code).toBe('malformed');
		expect(problem.message).toContain(
			'cbc:EmbeddedDocumentBinaryObject (BT-125 attached document) at line 27'
		);
		expect(problem.message).toContain('"_" at character');
	});

	it('never throws on arbitrary bytes: always a document or a problem', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
				const result = parsePurchaseDocument(bytes);
				expect(typeof result.ok).toBe('boolean');
				if (!result.ok)
					expect(['too-large', 'not-xml', 'doctype-forbidden', 'not-ubl', 'malformed']).toContain(
						result.problem.code
					);
			}),
			{ numRuns: 300 }
		);
	});

	it('never throws on a real invoice cut, spliced or sprinkled with markup', () => {
		const xml = fixtureText('odd-prefixes-several-rates.xml');
		const noise = fc.constantFrom(
			'<',
			'>',
			'&',
			'&amp;',
			'"',
			'</ns1:ID>',
			'<ns0:Item>',
			']]>',
			'\u0000',
			'é'
		);
		fc.assert(
			fc.property(
				fc.nat(xml.length),
				fc.nat(xml.length),
				fc.array(noise, { maxLength: 3 }),
				(from, to, inserted) => {
					const [start, end] = from <= to ? [from, to] : [to, from];
					const variant = xml.slice(0, start) + inserted.join('') + xml.slice(end);
					const result = parsePurchaseDocument(utf8(variant));
					expect(typeof result.ok).toBe('boolean');
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('parsePurchaseDocument reads what generators really send', () => {
	it('reads a 10 MB embedded PDF exactly', () => {
		const pdf = Buffer.alloc(10 * 1024 * 1024);
		for (let i = 0; i < pdf.length; i++) pdf[i] = (i * 31 + (i >>> 11)) & 0xff;
		pdf.write('%PDF-1.7\n');
		// Node's encoder builds the input, so the decoder under test is not checked against itself.
		const wrapped = pdf.toString('base64').replace(/(.{76})/g, '$1\r\n');
		const xml = fixtureText('odd-prefixes-several-rates.xml').replace(
			/(<ns1:EmbeddedDocumentBinaryObject[^>]*>)[^<]*/,
			`$1${wrapped}`
		);
		const document = parsed(utf8(xml));
		const bytes = document.attachments[0]!.bytes!;
		expect(bytes.length).toBe(pdf.length);
		expect(pdf.equals(bytes)).toBe(true);
		expect(document.totals.payable).toBe('613.15');
	});

	it('skips extension content, so nothing inside it passes for a business term', () => {
		const xml = fixtureText('usd-vat-in-eur.xml').replace(
			'<cbc:CustomizationID>',
			`<ext:UBLExtensions xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"><ext:UBLExtension><ext:ExtensionContent><cbc:ID>NOT-THE-NUMBER</cbc:ID></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>
  <cbc:CustomizationID>`
		);
		expect(parsed(utf8(xml)).number).toBe('NW-INV-88213');
	});

	it('reads UTF-8 with a byte-order mark, UTF-16 and a declared ISO-8859-1', () => {
		const xml = fixtureText('credit-note-negative-lines.xml');
		const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(xml)]);
		expect(parsed(bom).supplier.address.city).toBe('Höhr-Grenzhausen');
		const utf16 = new Uint8Array(2 + xml.length * 2);
		utf16.set([0xff, 0xfe]);
		for (let i = 0; i < xml.length; i++) {
			utf16[2 + i * 2] = xml.charCodeAt(i) & 0xff;
			utf16[3 + i * 2] = xml.charCodeAt(i) >> 8;
		}
		expect(parsed(utf16).lines[1]!.name).toBe('Wiedereinlagerungsgebühr');
		const latin1Text = xml.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
		const latin1 = Uint8Array.from(latin1Text, (char) => char.charCodeAt(0));
		expect(parsed(latin1).supplier.address.lines).toEqual(['Töpferweg 3']);
		expect(problemOf(utf8(xml.replace('encoding="UTF-8"', 'encoding="x-klingon"')))).toMatchObject({
			code: 'not-xml'
		});
	});

	it('keeps each decimal exactly as stated, in plain form', () => {
		const xml = fixtureText('missing-optionals.xml')
			.replace('>5</cbc:InvoicedQuantity>', '>+5.000</cbc:InvoicedQuantity>')
			.replace('>50</cbc:PriceAmount>', '>.5E0</cbc:PriceAmount>');
		expect(problemOf(utf8(xml)).message).toContain('".5E0"');
		const plain = fixtureText('missing-optionals.xml')
			.replace('>5</cbc:InvoicedQuantity>', '>+5.000</cbc:InvoicedQuantity>')
			.replace('>50</cbc:PriceAmount>', '>050.</cbc:PriceAmount>');
		expect(parsed(utf8(plain)).lines[0]).toMatchObject({ quantity: '5.000', netPrice: '50' });
	});
});
