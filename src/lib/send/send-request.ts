import type { InvoiceDocument } from '$lib/document';
import type { SendRequest } from '$lib/protocol';
import type { MailText } from './mail-template';

export interface SendFile {
	fileName: string;
	mimeType: string;
	bytes: Uint8Array;
}

export interface SendInput {
	invoiceId: string;
	/** 0 for the send, n for the n-th explicit "send again". */
	resend?: number;
	document: InvoiceDocument;
	pdf: SendFile;
	ubl: { fileName: string; xml: string };
	attachments: readonly SendFile[];
	mail: MailText;
}

/** Base64 without a 100 MB string of intermediate characters: 32 KB at a time. */
export function toBase64(bytes: Uint8Array): string {
	let binary = '';
	for (let start = 0; start < bytes.length; start += 0x8000) {
		binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
	}
	return btoa(binary);
}

/** A file name the relay accepts: no slashes or control characters, at most 200 characters. */
function safeName(name: string): string {
	const cleaned = [...name]
		.map((character) =>
			character < ' ' || character === '/' || character === '\\' ? '-' : character
		)
		.join('')
		.slice(-200);
	return cleaned === '.' || cleaned === '..' || cleaned === '' ? 'attachment' : cleaned;
}

/**
 * What the relay's outbox takes for one invoice. The invoice id is the idempotency key, so posting
 * the same invoice twice never delivers it twice. The e-mail goes only when the buyer has an address;
 * Peppol needs none.
 */
export function buildSendRequest(input: SendInput): SendRequest {
	const { document, mail } = input;
	const buyer = document.buyer;
	return {
		invoiceId: input.invoiceId,
		...(input.resend ? { resend: input.resend } : {}),
		documentType: document.type === 'invoice' ? 'invoice' : 'credit-note',
		invoiceNumber: document.number,
		channel: 'auto',
		buyer: {
			name: buyer.name,
			country: buyer.address.countryCode,
			isBusiness: buyer.kind === 'business',
			...(buyer.vatNumber ? { vatNumber: buyer.vatNumber } : {}),
			...(buyer.enterpriseNumber ? { enterpriseNumber: buyer.enterpriseNumber } : {}),
			...(buyer.peppolId ? { peppolId: buyer.peppolId } : {})
		},
		ubl: { fileName: safeName(input.ubl.fileName), xml: input.ubl.xml },
		pdf: { fileName: safeName(input.pdf.fileName), contentBase64: toBase64(input.pdf.bytes) },
		attachments: input.attachments.map((file) => ({
			fileName: safeName(file.fileName),
			mimeType: file.mimeType,
			contentBase64: toBase64(file.bytes)
		})),
		...(buyer.email
			? {
					email: {
						to: [buyer.email],
						replyTo: document.seller.email,
						sellerName: (document.seller.tradingName ?? document.seller.name).replace(
							/[\r\n]+/g,
							' '
						),
						subject: mail.subject.replace(/[\r\n]+/g, ' ').slice(0, 300),
						text: mail.body
					}
				}
			: {})
	};
}
