import { randomUUID } from 'node:crypto';

export const SAMPLE_PDF = Buffer.from(
	'%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n',
	'latin1'
);

/** A PDF attachment (the helper's default), e.g. the terms of sale. */
export function samplePdfAttachment(
	fileName = 'terms.pdf',
	text = 'Terms of sale'
): { fileName: string; mimeType: string; contentBase64: string } {
	const bytes = Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'latin1');
	return { fileName, mimeType: 'application/pdf', contentBase64: bytes.toString('base64') };
}

/** The seller every sample invoice is from (the contract servers' default company). */
export const SAMPLE_SELLER = '0208:0987654321';

export function sampleUbl(
	invoiceNumber: string,
	endpoint = '0208:0123456749',
	root: 'Invoice' | 'CreditNote' = 'Invoice',
	seller: string | null = SAMPLE_SELLER
): string {
	const [scheme, id] = endpoint.split(':');
	const supplier =
		seller === null
			? ''
			: `\n  <cac:AccountingSupplierParty><cac:Party><cbc:EndpointID schemeID="${seller.split(':')[0]}">${seller.split(':')[1]}</cbc:EndpointID></cac:Party></cac:AccountingSupplierParty>`;
	return `<?xml version="1.0" encoding="UTF-8"?>
<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ID>${invoiceNumber}</cbc:ID>${supplier}
  <cac:AccountingCustomerParty><cac:Party><cbc:EndpointID schemeID="${scheme}">${id}</cbc:EndpointID></cac:Party></cac:AccountingCustomerParty>
</${root}>`;
}

export interface SendOverrides {
	invoiceId?: string;
	invoiceNumber?: string;
	channel?: 'auto' | 'peppol' | 'email';
	buyer?: Record<string, unknown>;
	email?: Record<string, unknown> | null;
	attachments?: { fileName: string; mimeType: string; contentBase64: string }[];
	documentType?: 'invoice' | 'credit-note';
	/** The seller's Peppol id in the UBL; null leaves the endpoint out. */
	seller?: string | null;
}

/** A valid send request for a Belgian business buyer; override what a test is about. */
export function sendRequest(overrides: SendOverrides = {}): Record<string, unknown> {
	const invoiceNumber = overrides.invoiceNumber ?? '2026-0001';
	const request: Record<string, unknown> = {
		invoiceId: overrides.invoiceId ?? randomUUID(),
		documentType: overrides.documentType ?? 'invoice',
		invoiceNumber,
		channel: overrides.channel ?? 'auto',
		buyer: overrides.buyer ?? {
			name: 'Buyer BV',
			country: 'BE',
			isBusiness: true,
			vatNumber: 'BE0123456749',
			enterpriseNumber: '0123456749'
		},
		ubl: {
			fileName: `${invoiceNumber}.xml`,
			xml: sampleUbl(
				invoiceNumber,
				undefined,
				overrides.documentType === 'credit-note' ? 'CreditNote' : 'Invoice',
				overrides.seller === undefined ? SAMPLE_SELLER : overrides.seller
			)
		},
		pdf: { fileName: `${invoiceNumber}.pdf`, contentBase64: SAMPLE_PDF.toString('base64') },
		attachments: overrides.attachments ?? [samplePdfAttachment()]
	};
	if (overrides.email !== null) {
		request['email'] = overrides.email ?? {
			to: ['buyer@example.test'],
			replyTo: 'seller@example.test',
			sellerName: 'Seller Studio',
			subject: `Invoice ${invoiceNumber}`,
			text: `Dear buyer,\n\nPlease find invoice ${invoiceNumber} attached.\n`
		};
	}
	return request;
}

/** A quote or a payment reminder: a PDF by e-mail, with no UBL; override what a test is about. */
export function emailOnlyRequest(
	documentType: 'quote' | 'reminder',
	overrides: Record<string, unknown> = {}
): Record<string, unknown> {
	const request = sendRequest({ channel: 'email', invoiceNumber: '2026-0001' });
	delete request['ubl'];
	return { ...request, documentType, attachments: [], ...overrides };
}
