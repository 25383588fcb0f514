import fc from 'fast-check';
import { composeIBAN } from 'ibantools';
import { computeTotals, addDays, type InvoiceLine, type ItemLine } from '$lib/invoice';
import { defaultVatCodes, DEFAULT_VAT_CODE_IDS as ID, type VatCode } from '$lib/vat';
import { enterpriseNumberCheckDigits } from '$lib/contacts';
import { createStructuredReference } from '$lib/payment';
import { allowedInvoiceLanguages } from '$lib/legal';
import {
	ATTACHMENT_MIME_TYPES,
	INVOICE_DOCUMENT_FORMAT,
	INVOICE_DOCUMENT_VERSION,
	type AttachmentReference,
	type BuyerSnapshot,
	type InvoiceDocument,
	type SellerSnapshot
} from '$lib/document';

/** 10-digit KBO numbers that pass mod 97 (first digit 0 or 1). */
export const arbitraryEnterpriseNumber = fc
	.integer({ min: 2_000_000, max: 19_999_999 })
	.map((base) => {
		const first = String(base).padStart(8, '0');
		return first + enterpriseNumberCheckDigits(first);
	});

/** Belgian IBANs whose national (mod 97) and IBAN check digits are both right. */
export const arbitraryBelgianIban = fc.integer({ min: 1, max: 9_999_999_999 }).map((account) => {
	const base = String(account).padStart(10, '0');
	const remainder = Number(BigInt(base) % 97n);
	const bban = base + String(remainder === 0 ? 97 : remainder).padStart(2, '0');
	const iban = composeIBAN({ countryCode: 'BE', bban });
	if (!iban) throw new Error(`could not compose an IBAN from ${bban}`);
	return iban;
});

const BELGIAN_BICS = ['GEBABEBB', 'KREDBEBB', 'BBRUBEBB', 'GKCCBEBB', 'ARSPBE22', 'NICABEBB'];

/** GS1 GLNs with a valid check digit (Peppol 0088). */
export const arbitraryGln = fc.integer({ min: 0, max: 999_999_999_999 }).map((base) => {
	const digits = String(base).padStart(12, '0');
	const sum = [...digits]
		.reverse()
		.reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 3 : 1), 0);
	return digits + String((10 - (sum % 10)) % 10);
});

const BELGIAN_PLACES = [
	{ postalCode: '9000', city: 'Gent' },
	{ postalCode: '2000', city: 'Antwerpen' },
	{ postalCode: '1000', city: 'Brussel' },
	{ postalCode: '1050', city: 'Ixelles' },
	{ postalCode: '4000', city: 'Liège' },
	{ postalCode: '5000', city: 'Namur' },
	{ postalCode: '4700', city: 'Eupen' },
	{ postalCode: '3000', city: 'Leuven' }
];

const arbitraryName = fc.constantFrom(
	'Jan Peeters',
	'Marie Dubois',
	'Lotte Janssens',
	'Karim El Amrani',
	'Sophie Müller',
	'Élodie Lefèvre & Zonen'
);

const arbitraryStreet = fc
	.tuple(
		fc.constantFrom('Kerkstraat', 'Rue Haute', 'Stationsstraat', 'Hauptstraße', 'Meir'),
		fc.integer({ min: 1, max: 250 })
	)
	.map(([street, number]) => `${street} ${number}`);

export function arbitrarySeller(
	options: { smallBusinessExemption?: boolean } = {}
): fc.Arbitrary<SellerSnapshot> {
	return fc
		.record({
			name: arbitraryName,
			legalForm: fc.constantFrom('Eenmanszaak', 'Entreprise individuelle', 'BV', 'SRL'),
			street: arbitraryStreet,
			place: fc.constantFrom(...BELGIAN_PLACES),
			enterpriseNumber: arbitraryEnterpriseNumber,
			smallBusinessExemption:
				options.smallBusinessExemption === undefined
					? fc.boolean()
					: fc.constant(options.smallBusinessExemption),
			iban: arbitraryBelgianIban,
			bic: fc.constantFrom(...BELGIAN_BICS),
			phone: fc.option(fc.constant('+32 9 123 45 67'), { nil: undefined })
		})
		.map((s) => ({
			name: s.name,
			legalForm: s.legalForm,
			address: {
				street: s.street,
				postalCode: s.place.postalCode,
				city: s.place.city,
				countryCode: 'BE'
			},
			enterpriseNumber: s.enterpriseNumber,
			...(s.smallBusinessExemption ? {} : { vatNumber: `BE${s.enterpriseNumber}` }),
			smallBusinessExemption: s.smallBusinessExemption,
			iban: s.iban,
			bic: s.bic,
			email: 'billing@seller.example',
			...(s.phone ? { phone: s.phone } : {}),
			peppolId: `0208:${s.enterpriseNumber}`
		}));
}

/** Real-format EU VAT numbers (jsvat-valid) with their country and Peppol scheme. */
const EU_BUYERS = [
	{
		vatNumber: 'NL004495445B01',
		countryCode: 'NL',
		peppolId: '9944:NL004495445B01',
		city: 'Amsterdam',
		postalCode: '1012 JS'
	},
	{
		vatNumber: 'NL810433941B01',
		countryCode: 'NL',
		peppolId: '9944:NL810433941B01',
		city: 'Utrecht',
		postalCode: '3511 AA'
	},
	{
		vatNumber: 'FR40303265045',
		countryCode: 'FR',
		peppolId: '9957:FR40303265045',
		city: 'Paris',
		postalCode: '75001'
	},
	{
		vatNumber: 'FR83404833048',
		countryCode: 'FR',
		peppolId: '9957:FR83404833048',
		city: 'Lille',
		postalCode: '59000'
	},
	{
		vatNumber: 'DE136695976',
		countryCode: 'DE',
		peppolId: '9930:DE136695976',
		city: 'Berlin',
		postalCode: '10115'
	},
	{
		vatNumber: 'LU26375245',
		countryCode: 'LU',
		peppolId: '9938:LU26375245',
		city: 'Luxembourg',
		postalCode: 'L-1111'
	},
	{
		vatNumber: 'ATU13585627',
		countryCode: 'AT',
		peppolId: '9914:ATU13585627',
		city: 'Wien',
		postalCode: '1010'
	},
	{
		vatNumber: 'IT00743110157',
		countryCode: 'IT',
		peppolId: '0211:00743110157',
		city: 'Milano',
		postalCode: '20121'
	},
	{
		vatNumber: 'ESA28015865',
		countryCode: 'ES',
		peppolId: '9920:ESA28015865',
		city: 'Madrid',
		postalCode: '28001'
	},
	{
		vatNumber: 'IE6388047V',
		countryCode: 'IE',
		peppolId: '9935:IE6388047V',
		city: 'Dublin',
		postalCode: 'D02 X285'
	}
] as const;

const NON_EU_PLACES = [
	{ countryCode: 'US', city: 'New York', postalCode: '10001' },
	{ countryCode: 'CH', city: 'Zürich', postalCode: '8001' },
	{ countryCode: 'GB', city: 'London', postalCode: 'EC1A 1BB' },
	{ countryCode: 'NO', city: 'Oslo', postalCode: '0150' }
] as const;

const buyerCompany = fc.constantFrom(
	'Acme BV',
	'Dupont SA',
	'Globex GmbH',
	'Initech Ltd',
	'Umbrella SRL'
);

const arbitraryBelgianBusinessBuyer: fc.Arbitrary<BuyerSnapshot> = fc
	.record({
		name: buyerCompany,
		street: arbitraryStreet,
		place: fc.constantFrom(...BELGIAN_PLACES),
		kbo: arbitraryEnterpriseNumber,
		language: fc.constantFrom('nl', 'fr', 'de', 'en' as const)
	})
	.map(({ name, street, place, kbo, language }) => ({
		kind: 'business',
		name,
		vatNumber: `BE${kbo}`,
		enterpriseNumber: kbo,
		address: { street, postalCode: place.postalCode, city: place.city, countryCode: 'BE' },
		email: 'ap@buyer.example',
		language,
		peppolId: `0208:${kbo}`
	}));

/** Private persons are not on Peppol; only `peppolReady: false` documents use them. */
const arbitraryPrivateBuyer: fc.Arbitrary<BuyerSnapshot> = fc
	.record({
		name: arbitraryName,
		street: arbitraryStreet,
		place: fc.constantFrom(...BELGIAN_PLACES)
	})
	.map(({ name, street, place }) => ({
		kind: 'private',
		name,
		address: { street, postalCode: place.postalCode, city: place.city, countryCode: 'BE' },
		email: 'someone@private.example',
		language: 'nl'
	}));

const arbitraryEuBuyer: fc.Arbitrary<BuyerSnapshot> = fc
	.record({ name: buyerCompany, street: arbitraryStreet, buyer: fc.constantFrom(...EU_BUYERS) })
	.map(({ name, street, buyer }) => ({
		kind: 'business',
		name,
		vatNumber: buyer.vatNumber,
		address: {
			street,
			postalCode: buyer.postalCode,
			city: buyer.city,
			countryCode: buyer.countryCode
		},
		email: 'ap@buyer.example',
		language: 'en',
		peppolId: buyer.peppolId
	}));

const arbitraryNonEuBuyer: fc.Arbitrary<BuyerSnapshot> = fc
	.record({
		name: buyerCompany,
		street: arbitraryStreet,
		place: fc.constantFrom(...NON_EU_PLACES),
		gln: arbitraryGln
	})
	.map(({ name, street, place, gln }) => ({
		kind: 'business',
		name,
		address: {
			street,
			postalCode: place.postalCode,
			city: place.city,
			countryCode: place.countryCode
		},
		email: 'ap@buyer.example',
		language: 'en',
		peppolId: `0088:${gln}`
	}));

const UNIT_CODES = ['C62', 'HUR', 'DAY', 'EA', 'KGM', 'MTR', 'H87', 'MON'];

function decimalString(
	maxWhole: number,
	decimals: number,
	allowZero: boolean
): fc.Arbitrary<string> {
	const scale = 10 ** decimals;
	return fc.integer({ min: allowZero ? 0 : 1, max: maxWhole * scale }).map((scaled) => {
		const whole = Math.floor(scaled / scale);
		const fraction = String(scaled % scale)
			.padStart(decimals, '0')
			.replace(/0+$/, '');
		return fraction ? `${whole}.${fraction}` : String(whole);
	});
}

/** A priced line with one of the given VAT codes; quantities up to 3 decimals, prices up to 4. */
export function arbitraryItemLine(
	vatCodeIds: readonly string[],
	options: { allowNegative?: boolean } = {}
): fc.Arbitrary<ItemLine> {
	return fc
		.record({
			description: fc.constantFrom(
				'Consultancy',
				'Web design',
				'Hosting',
				'Training day',
				'Parts',
				'Travel'
			),
			quantity: decimalString(500, 3, false),
			negative: options.allowNegative ? fc.boolean() : fc.constant(false),
			unitCode: fc.constantFrom(...UNIT_CODES),
			unitPrice: decimalString(5000, 4, true),
			vatCodeId: fc.constantFrom(...vatCodeIds),
			discountPercent: fc.option(decimalString(50, 2, true), { nil: undefined, freq: 3 })
		})
		.map(({ negative, quantity, discountPercent, ...line }) => ({
			type: 'item',
			...line,
			quantity: negative ? `-${quantity}` : quantity,
			...(discountPercent !== undefined ? { discountPercent } : {})
		}));
}

/** Item lines with text lines interleaved, in order. */
export function arbitraryLines(
	vatCodeIds: readonly string[],
	options: { allowNegative?: boolean; maxItems?: number } = {}
): fc.Arbitrary<InvoiceLine[]> {
	const item = arbitraryItemLine(vatCodeIds, options).map((line): InvoiceLine => line);
	const text = fc
		.constantFrom('Phase 1', 'Travel costs', 'As agreed by e-mail')
		.map((t): InvoiceLine => ({ type: 'text', text: t }));
	return fc
		.tuple(
			fc.array(item, { minLength: 1, maxLength: options.maxItems ?? 8 }),
			fc.array(fc.tuple(fc.nat(), text), { maxLength: 3 })
		)
		.map(([items, texts]) => {
			const lines = [...items];
			for (const [position, line] of texts) lines.splice(position % (lines.length + 1), 0, line);
			return lines;
		});
}

/** Which VAT codes a scenario may use: never O with anything else, AE/K only with an EU VAT id. */
type Scenario = {
	buyer: fc.Arbitrary<BuyerSnapshot>;
	codes: readonly string[][];
	needsDelivery: boolean;
};

function scenarios(smallBusiness: boolean, peppolReady: boolean): Scenario[] {
	if (smallBusiness) {
		return [
			{ buyer: arbitraryBelgianBusinessBuyer, codes: [[ID.smallBusiness]], needsDelivery: false },
			...(peppolReady
				? []
				: [{ buyer: arbitraryPrivateBuyer, codes: [[ID.smallBusiness]], needsDelivery: false }])
		];
	}
	return [
		{
			buyer: arbitraryBelgianBusinessBuyer,
			codes: [
				[ID.standard21, ID.reduced12, ID.reduced6, ID.zero, ID.exemptArt44],
				[ID.standard21],
				[ID.coContractor],
				[ID.standard21, ID.coContractor]
			],
			needsDelivery: false
		},
		{
			buyer: arbitraryEuBuyer,
			codes: [[ID.euServices], [ID.euGoods], [ID.euServices, ID.euGoods]],
			needsDelivery: true
		},
		{ buyer: arbitraryNonEuBuyer, codes: [[ID.export], [ID.outsideScope]], needsDelivery: false },
		...(peppolReady
			? []
			: [
					{
						buyer: arbitraryPrivateBuyer,
						codes: [[ID.standard21, ID.reduced6, ID.zero]],
						needsDelivery: false
					}
				])
	];
}

const arbitraryAttachment: fc.Arbitrary<AttachmentReference> = fc
	.record({
		id: fc.uuid(),
		mimeType: fc.constantFrom(...ATTACHMENT_MIME_TYPES),
		size: fc.integer({ min: 1, max: 2 * 1024 * 1024 }),
		name: fc.constantFrom('timesheet', 'terms', 'photo')
	})
	.map(({ id, mimeType, size, name }) => ({
		id,
		fileName: `${name}.${mimeType.split(/[/.]/).pop()}`,
		mimeType,
		size
	}));

export interface InvoiceDocumentArbitraryOptions {
	/** Every buyer has a valid Peppol id and every document passes Peppol BIS (default true). */
	peppolReady?: boolean;
	type?: 'invoice' | 'creditNote';
	/** Up to this many priced lines (default 8). */
	maxItems?: number;
}

/**
 * Random invoice documents that parse, pass checkInvoiceDocument without a single issue and are
 * Peppol BIS complete in content: valid KBO/VAT/IBAN, buyer VAT where the category needs it,
 * O never mixed, K with a delivery date, buyer reference always set.
 */
export function arbitraryInvoiceDocument(
	options: InvoiceDocumentArbitraryOptions = {}
): fc.Arbitrary<InvoiceDocument> {
	const peppolReady = options.peppolReady ?? true;
	return fc
		.boolean()
		.chain((smallBusiness) =>
			fc.record({
				seller: arbitrarySeller({ smallBusinessExemption: smallBusiness }),
				scenario: fc.constantFrom(...scenarios(smallBusiness, peppolReady)).chain((scenario) =>
					fc.record({
						buyer: scenario.buyer,
						lines: fc
							.constantFrom(...scenario.codes)
							.chain((codes) => arbitraryLines(codes, { maxItems: options.maxItems })),
						needsDelivery: fc.constant(scenario.needsDelivery)
					})
				),
				type: options.type
					? fc.constant(options.type)
					: fc.constantFrom('invoice', 'invoice', 'invoice', 'creditNote' as const),
				dayOffset: fc.integer({ min: 0, max: 3 * 365 }),
				sequence: fc.integer({ min: 1, max: 9999 }),
				dueDays: fc.integer({ min: 0, max: 60 }),
				deliveryDaysBefore: fc.integer({ min: 0, max: 12 }),
				withDelivery: fc.boolean(),
				cashDiscount: fc.option(
					fc.record({
						percent: fc.constantFrom('1', '2', '2.5', '3'),
						days: fc.constantFrom(8, 10, 14)
					}),
					{ nil: undefined }
				),
				paymentBase: fc.option(fc.integer({ min: 1, max: 9_999_999_999 }), { nil: undefined }),
				notes: fc.option(fc.constant('Thank you for your business.'), { nil: undefined }),
				attachments: fc.array(arbitraryAttachment, { maxLength: 2 }),
				prepaidShare: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined, freq: 5 }),
				languagePick: fc.nat()
			})
		)
		.map((r) => {
			const issueDate = addDays('2025-01-01', r.dayOffset);
			const allowed = allowedInvoiceLanguages('BE', r.seller.address.postalCode) ?? ['nl'];
			const used = new Set(
				r.scenario.lines.flatMap((line) => (line.type === 'item' ? [line.vatCodeId] : []))
			);
			const vatCodes: VatCode[] = defaultVatCodes.filter((code) => used.has(code.id));
			const year = issueDate.slice(0, 4);
			const document: InvoiceDocument = {
				format: INVOICE_DOCUMENT_FORMAT,
				version: INVOICE_DOCUMENT_VERSION,
				type: r.type,
				number: `${r.type === 'creditNote' ? 'CN' : ''}${year}-${String(r.sequence).padStart(4, '0')}`,
				issueDate,
				dueDate: addDays(issueDate, r.dueDays),
				...(r.scenario.needsDelivery || r.withDelivery
					? { deliveryDate: addDays(issueDate, -r.deliveryDaysBefore) }
					: {}),
				language: allowed[r.languagePick % allowed.length] ?? 'nl',
				currency: 'EUR',
				seller: r.seller,
				buyer: r.scenario.buyer,
				buyerReference: `REF-${r.sequence}`,
				lines: r.scenario.lines,
				vatCodes,
				...(r.cashDiscount ? { cashDiscount: r.cashDiscount } : {}),
				...(r.paymentBase !== undefined && r.type === 'invoice'
					? { paymentReference: createStructuredReference(r.paymentBase) }
					: {}),
				...(r.notes ? { notes: r.notes } : {}),
				...(r.type === 'creditNote'
					? {
							billingReference: {
								number: `${year}-0001`,
								issueDate: addDays(issueDate, -30),
								scope: 'full' as const
							}
						}
					: {}),
				attachments: r.attachments
			};
			if (r.prepaidShare !== undefined) {
				const { taxInclusiveCents } = computeTotals(document);
				const prepaidCents = Math.floor((Math.max(taxInclusiveCents, 0) * r.prepaidShare) / 100);
				if (prepaidCents > 0) return { ...document, prepaidCents };
			}
			return document;
		});
}
