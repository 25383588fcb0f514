import type { DecimalString } from '$lib/money';

/**
 * A received (purchase) invoice or credit note, read from UBL 2.1 by the Peppol BIS 3.0 / EN 16931 semantics
 * (not by the shape of our own output). Amounts are exact decimal strings as written in the document, never floats.
 * Contract between the parser (src/lib/inbox/purchase-parser*.ts) and the inbox UI: additive changes only.
 */
export interface PurchaseParty {
	name: string; // BT-27 / BT-44 (registration name, else trading name)
	tradingName?: string; // BT-28
	vatNumber?: string; // BT-31 / BT-48
	companyId?: { id: string; scheme?: string }; // BT-30 / BT-47 (e.g. Belgian enterprise number, scheme 0208)
	endpoint?: { id: string; scheme: string }; // BT-34 / BT-49
	address: {
		lines: string[]; // BT-35, BT-36, BT-162 (and buyer equivalents)
		city?: string;
		postalCode?: string;
		subdivision?: string;
		country: string; // ISO 3166-1 alpha-2, '' when missing (then a finding says so)
	};
	contact?: { name?: string; phone?: string; email?: string };
}

export interface PurchaseAllowanceCharge {
	isCharge: boolean;
	amount: DecimalString;
	baseAmount?: DecimalString;
	percent?: DecimalString;
	reason?: string;
	reasonCode?: string;
	vatCategory?: string;
	vatRate?: DecimalString;
}

export interface PurchaseLine {
	id: string; // BT-126
	name: string; // BT-153
	description?: string; // BT-154
	quantity: DecimalString; // BT-129 (negative allowed on credit notes)
	unitCode: string; // BT-130
	netPrice: DecimalString; // BT-146
	baseQuantity?: DecimalString; // BT-149
	lineTotal: DecimalString; // BT-131
	vatCategory: string; // BT-151
	vatRate?: DecimalString; // BT-152
	allowancesCharges: PurchaseAllowanceCharge[];
	sellerItemId?: string;
	note?: string;
	period?: { start?: string; end?: string };
}

export interface PurchaseVatBreakdown {
	category: string; // BT-118
	rate?: DecimalString; // BT-119
	taxableAmount: DecimalString; // BT-116
	taxAmount: DecimalString; // BT-117
	exemptionReason?: string; // BT-120
	exemptionReasonCode?: string; // BT-121
}

export interface PurchaseAttachment {
	id: string; // BT-122
	description?: string;
	fileName?: string; // @filename
	mimeType?: string; // @mimeCode
	bytes?: Uint8Array; // embedded (base64-decoded); absent for an external URI
	externalUri?: string; // shown as text, never fetched automatically
}

export interface PurchaseDocument {
	kind: 'invoice' | 'credit-note';
	customizationId?: string;
	profileId?: string;
	number: string; // BT-1
	issueDate: string; // BT-2, YYYY-MM-DD
	dueDate?: string; // BT-9
	typeCode: string; // BT-3 (380, 381, 384, 389, 751, ...)
	currency: string; // BT-5
	taxCurrency?: string; // BT-6
	taxTotalInTaxCurrency?: DecimalString; // BT-111 (e.g. VAT in EUR on a USD invoice)
	buyerReference?: string; // BT-10
	orderReference?: string; // BT-13
	contractReference?: string; // BT-12
	projectReference?: string; // BT-11
	precedingInvoices: { number: string; issueDate?: string }[]; // BG-3 (what a credit note corrects)
	notes: string[]; // BT-22
	supplier: PurchaseParty; // BG-4
	buyer: PurchaseParty; // BG-7
	payee?: { name: string }; // BG-10
	delivery?: { date?: string; place?: string };
	payment: {
		meansCode?: string; // BT-81
		reference?: string; // BT-83 (a Belgian OGM when it validates as one)
		accounts: { iban: string; name?: string; bic?: string }[]; // BT-84..86
		terms?: string; // BT-20
	};
	lines: PurchaseLine[];
	allowancesCharges: PurchaseAllowanceCharge[]; // document level, BG-20 / BG-21
	vatBreakdown: PurchaseVatBreakdown[];
	totals: {
		lineExtension: DecimalString; // BT-106
		allowances?: DecimalString; // BT-107
		charges?: DecimalString; // BT-108
		taxExclusive: DecimalString; // BT-109
		tax: DecimalString; // BT-110 (in the document currency)
		taxInclusive: DecimalString; // BT-112
		prepaid?: DecimalString; // BT-113
		rounding?: DecimalString; // BT-114
		payable: DecimalString; // BT-115
	};
	attachments: PurchaseAttachment[]; // BG-24; the invoice's own PDF is usually one of them
}

/** Why a received file could not be read at all. The raw bytes stay stored and downloadable either way. */
export interface PurchaseParseProblem {
	code: 'too-large' | 'not-xml' | 'doctype-forbidden' | 'not-ubl' | 'malformed';
	message: string; // English, names the element/line and the rule
	where?: string; // element path or line:column
}

export type PurchaseParseResult =
	{ ok: true; document: PurchaseDocument } | { ok: false; problem: PurchaseParseProblem };

/** The largest received document the app parses (the relay's intake cap is 16 MiB; embedded PDFs are base64). */
export const MAX_PURCHASE_DOCUMENT_BYTES = 16 * 1024 * 1024;
