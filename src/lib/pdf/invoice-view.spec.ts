import { describe, expect, it } from 'vitest';
import { DEFAULT_VAT_CODE_IDS, defaultVatCodes, SMALL_BUSINESS_MENTION } from '$lib/vat';
import { invoiceLabelLanguage, invoicePdfView } from './invoice-view';
import { sampleInvoiceDocument } from './sample-invoice';

/** Intl separates currency and digits with a no-break space; compare as plain spaces. */
const plain = <T>(value: T): T =>
	JSON.parse(JSON.stringify(value).replace(/\u00a0|\u202f/g, ' ')) as T;

describe('invoiceLabelLanguage', () => {
	const document = sampleInvoiceDocument();

	it("prints the document's language, whatever the buyer reads, unless forced", () => {
		const frenchBuyer = { ...document, buyer: { ...document.buyer, language: 'fr' as const } };
		expect(invoiceLabelLanguage(frenchBuyer)).toBe('nl');
		expect(invoiceLabelLanguage({ ...frenchBuyer, language: 'en' })).toBe('en');
		expect(invoiceLabelLanguage(frenchBuyer, 'de')).toBe('de');
	});
});

describe('invoicePdfView', () => {
	it('shows no VAT at all for a seller under the small-business scheme, with its mention', () => {
		const document = sampleInvoiceDocument();
		document.seller = { ...document.seller, vatNumber: undefined, smallBusinessExemption: true };
		document.lines = document.lines.map((line) =>
			line.type === 'item' ? { ...line, vatCodeId: DEFAULT_VAT_CODE_IDS.smallBusiness } : line
		);
		document.vatCodes = defaultVatCodes.filter(
			(code) => code.id === DEFAULT_VAT_CODE_IDS.smallBusiness
		);
		document.cashDiscount = undefined;
		const { view } = invoicePdfView(document);
		expect(view.vatSummary).toBeUndefined();
		expect(view.table.columns.map((column) => column.label)).toEqual([
			'Omschrijving',
			'Aantal',
			'Eenheidsprijs',
			'Korting',
			'Bedrag'
		]);
		expect(plain(view.totals)).toEqual([
			{ label: 'Te betalen', value: '€ 2.053,40', emphasis: true }
		]);
		expect(view.mentions).toEqual([SMALL_BUSINESS_MENTION.nl]);
		expect(view.seller.lines).toContain('BTW 0123.456.749');
	});

	it('prints a credit note with its invoice reference, a refund total and no payment block', () => {
		const document = sampleInvoiceDocument();
		document.type = 'creditNote';
		document.number = 'CN-2026-0003';
		document.billingReference = { number: '2026-0042', issueDate: '2026-03-16', scope: 'full' };
		const { view } = invoicePdfView(document);
		expect(view.title).toBe('Creditnota');
		expect(view.metadata).toContainEqual({
			label: 'Betreft factuur',
			value: '2026-0042 (16/03/2026)'
		});
		expect(view.metadata.map((entry) => entry.label)).not.toContain('Vervaldatum');
		expect(plain(view.totals.at(-1))).toEqual({
			label: 'Terug te betalen',
			value: '€ 2.467,32',
			emphasis: true
		});
		expect(view.payment).toBeUndefined();
	});

	it('shows what was already paid and only the rest as due', () => {
		const document = sampleInvoiceDocument();
		document.cashDiscount = undefined;
		document.prepaidCents = 50_000;
		const { view } = invoicePdfView(document);
		expect(plain(view.totals.map((line) => `${line.label} ${line.value}`))).toEqual([
			'Totaal excl. btw € 2.053,40',
			'Btw € 422,36',
			'Totaal incl. btw € 2.475,76',
			'Reeds betaald € -500,00',
			'Te betalen € 1.975,76'
		]);
		expect(view.payment?.epcPayload).toContain('\nEUR1975.76\n');
	});

	it('builds the EPC payload with the OGM digits, and leaves the QR out with a warning when it cannot', () => {
		const { view, warnings } = invoicePdfView(sampleInvoiceDocument());
		expect(view.payment?.epcPayload).toBe(
			'BCD\n002\n1\nSCT\nGKCCBEBB\nLotte Janssens\nBE68539007547034\nEUR2467.32\n\n000000004242'
		);
		expect(warnings).toEqual([]);
		const broken = sampleInvoiceDocument();
		broken.seller.iban = 'BE68539007547035';
		const result = invoicePdfView(broken);
		expect(result.view.payment?.epcPayload).toBeUndefined();
		expect(result.view.payment?.rows).toContainEqual({
			label: 'IBAN',
			value: 'BE68 5390 0754 7035'
		});
		expect(result.warnings).toEqual([
			{ code: 'qr-skipped', message: expect.stringContaining('iban') }
		]);
	});

	it('writes the line table in the label language with units and only the columns in use', () => {
		const document = sampleInvoiceDocument();
		document.buyer.language = 'de';
		const { view } = invoicePdfView(document, { language: 'de' });
		expect(view.table.columns.map((column) => column.label)).toEqual([
			'Beschreibung',
			'Menge',
			'Einzelpreis',
			'Rabatt',
			'MwSt.',
			'Betrag'
		]);
		expect(view.table.rows[1]).toEqual({
			kind: 'item',
			cells: [expect.stringContaining('Webdesign'), '18 Std.', '75,00', '', '21 %', '1.350,00']
		});
		expect(view.table.rows[0]).toEqual({ kind: 'text', text: expect.stringContaining('Project:') });
		expect(view.metadata[1]).toEqual({ label: 'Rechnungsdatum', value: '16.03.2026' });
	});
});
