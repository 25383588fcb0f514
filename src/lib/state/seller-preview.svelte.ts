import {
	belgianVatNumber,
	isValidEnterpriseNumber,
	normalizeEnterpriseNumber
} from '$lib/contacts';
import {
	INVOICE_DOCUMENT_FORMAT,
	INVOICE_DOCUMENT_VERSION,
	type InvoiceDocument,
	type SellerProfile
} from '$lib/document';
import type { InvoiceLine, IsoDate } from '$lib/invoice';
import { formatInvoiceNumber } from '$lib/numbering';
import { createStructuredReference, dueDateFor } from '$lib/payment';
import { DEFAULT_VAT_CODE_IDS, findVatCode } from '$lib/vat';

/** Words of the sample invoice, in the user's language. */
export interface SampleTexts {
	sellerName: string;
	customerName: string;
	customerStreet: string;
	customerCity: string;
	heading: string;
	service: string;
	product: string;
}

/** Shown in place of a missing enterprise number: valid mod 97, and plainly not a real one. */
const PLACEHOLDER_ENTERPRISE_NUMBER = '0000000097';

/**
 * A sample invoice with the seller's own profile and settings, for the layout preview. Missing
 * seller fields get obvious sample values so the preview shows where they will be printed.
 */
export function sampleInvoiceFor(
	profile: SellerProfile,
	today: IsoDate,
	texts: SampleTexts
): InvoiceDocument {
	const enterpriseNumber =
		profile.enterpriseNumber && isValidEnterpriseNumber(profile.enterpriseNumber)
			? normalizeEnterpriseNumber(profile.enterpriseNumber)
			: PLACEHOLDER_ENTERPRISE_NUMBER;
	const vatCodeId = profile.smallBusinessExemption
		? DEFAULT_VAT_CODE_IDS.smallBusiness
		: DEFAULT_VAT_CODE_IDS.standard21;
	const vatCode =
		findVatCode(profile.vatCodes, vatCodeId) ??
		profile.vatCodes.find((code) => code.smallBusinessScheme === profile.smallBusinessExemption) ??
		profile.vatCodes[0];
	const lines: InvoiceLine[] = vatCode
		? [
				{ type: 'text', text: texts.heading },
				{
					type: 'item',
					description: texts.service,
					quantity: '8',
					unitCode: 'HUR',
					unitPrice: '85',
					vatCodeId: vatCode.id
				},
				{
					type: 'item',
					description: texts.product,
					quantity: '2',
					unitCode: 'H87',
					unitPrice: '49.5',
					vatCodeId: vatCode.id
				}
			]
		: [];
	return {
		format: INVOICE_DOCUMENT_FORMAT,
		version: INVOICE_DOCUMENT_VERSION,
		type: 'invoice',
		number: formatInvoiceNumber(profile.numbering.invoicePattern, 1, today),
		issueDate: today,
		dueDate: dueDateFor(today, profile.paymentTerms),
		language: profile.invoiceLanguage,
		currency: 'EUR',
		seller: {
			name: profile.name || texts.sellerName,
			tradingName: profile.tradingName,
			legalForm: profile.legalForm || undefined,
			address: {
				street: profile.address?.street || '…',
				postalCode: profile.address?.postalCode || '…',
				city: profile.address?.city || '…',
				countryCode: profile.address?.countryCode || 'BE'
			},
			enterpriseNumber,
			vatNumber: profile.smallBusinessExemption
				? undefined
				: profile.vatNumber || belgianVatNumber(enterpriseNumber),
			smallBusinessExemption: profile.smallBusinessExemption,
			registerOfLegalEntities: profile.registerOfLegalEntities,
			iban: profile.iban || 'BE00000000000000',
			bic: profile.bic || undefined,
			email: profile.email || '…',
			phone: profile.phone,
			website: profile.website
		},
		buyer: {
			kind: 'business',
			name: texts.customerName,
			vatNumber: 'BE0417497106',
			address: {
				street: texts.customerStreet,
				postalCode: '2000',
				city: texts.customerCity,
				countryCode: 'BE'
			}
		},
		buyerReference: 'PO-0001',
		lines,
		vatCodes: vatCode ? [vatCode] : [],
		cashDiscount: profile.cashDiscount,
		paymentReference: createStructuredReference(1),
		attachments: []
	};
}

export type PreviewState =
	| { kind: 'idle' }
	| { kind: 'rendering' }
	| { kind: 'ready'; url: string; pageCount: number }
	| { kind: 'failed'; message: string };

export interface PreviewInput {
	document: InvoiceDocument;
	header: unknown;
	footer: unknown;
	terms?: Uint8Array | undefined;
}

type PreviewRenderer = (
	input: PreviewInput
) => Promise<
	{ status: 'rendered'; bytes: Uint8Array; pageCount: number } | { status: 'superseded' }
>;

/** Renders in the app's one PDF worker, so jsPDF and pdf-lib never block typing. */
const renderSample: PreviewRenderer = async (input) => {
	const { pdfWorker } = await import('$lib/pdf');
	const result = await (
		await pdfWorker()
	).render(input.document, { header: input.header, footer: input.footer, terms: input.terms });
	if (result.status === 'failed') throw new Error(result.message);
	if (result.status === 'superseded') return result;
	return { status: 'rendered', bytes: result.pdf.bytes, pageCount: result.pdf.pageCount };
};

/**
 * Renders the sample invoice a short while after the last change, so typing in the editors does
 * not render a PDF per keystroke. A render that finishes after a newer one started is dropped.
 */
export class SellerPreview {
	state = $state<PreviewState>({ kind: 'idle' });
	/** The PDF of the last render, for download and tests. */
	bytes = $state<Uint8Array>();
	#timer: ReturnType<typeof setTimeout> | undefined;
	#generation = 0;
	#url: string | undefined;

	constructor(
		private readonly delayMs = 300,
		private readonly renderer: PreviewRenderer = renderSample
	) {}

	request(input: PreviewInput): void {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.render(input), this.delayMs);
	}

	async render(input: PreviewInput): Promise<void> {
		const generation = ++this.#generation;
		if (this.state.kind !== 'ready') this.state = { kind: 'rendering' };
		try {
			const result = await this.renderer(input);
			if (generation !== this.#generation || result.status === 'superseded') return;
			this.#replaceUrl(
				URL.createObjectURL(new Blob([result.bytes as BlobPart], { type: 'application/pdf' }))
			);
			this.bytes = result.bytes;
			this.state = { kind: 'ready', url: this.#url ?? '', pageCount: result.pageCount };
		} catch (error) {
			if (generation !== this.#generation) return;
			this.state = {
				kind: 'failed',
				message: error instanceof Error ? error.message : String(error)
			};
		}
	}

	#replaceUrl(next: string | undefined): void {
		if (this.#url) URL.revokeObjectURL(this.#url);
		this.#url = next;
	}

	dispose(): void {
		clearTimeout(this.#timer);
		this.#generation += 1;
		this.#replaceUrl(undefined);
	}
}
