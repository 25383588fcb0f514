import { toBase64 } from '$lib/bytes';
import type { InvoiceDocument } from '$lib/document';
import {
	SEND_ATTACHMENT_TYPES,
	fileExtension,
	senderNameProblem,
	stripAddressLike,
	type SendRequest
} from '$protocol';
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
	/** email: the user's explicit choice; otherwise the relay picks Peppol or e-mail. */
	channel?: 'email';
	document: InvoiceDocument;
	pdf: SendFile;
	/** Absent for a quote: it has no UBL and goes by e-mail only. */
	ubl?: { fileName: string; xml: string } | undefined;
	attachments: readonly SendFile[];
	mail: MailText;
}

/** A file name the relay accepts: no slashes or control characters, at most 200 characters. */
export function safeName(name: string): string {
	const cleaned = [...name]
		.map((character) =>
			character < ' ' || character === '/' || character === '\\' ? '-' : character
		)
		.join('')
		.slice(-200);
	return cleaned === '.' || cleaned === '..' || cleaned === '' ? 'attachment' : cleaned;
}

/** The relay sends only names whose extension matches the type, so "scan" goes as "scan.pdf". */
function withExtension(name: string, mimeType: string): string {
	const extensions: readonly string[] | undefined =
		SEND_ATTACHMENT_TYPES[mimeType as keyof typeof SEND_ATTACHMENT_TYPES];
	if (!extensions || extensions.includes(fileExtension(name))) return name;
	return `${name.slice(0, 195)}.${extensions[0]}`;
}

/**
 * The From name: the trading name, else the legal name, without address-like text, line breaks or
 * quotes. A name that still looks like an address is sent as it is and refused with the reason.
 */
export function senderName(names: readonly (string | undefined)[]): string {
	const cleaned = names
		.filter((name): name is string => Boolean(name))
		.map((name) =>
			stripAddressLike(name.replace(/[\r\n"\\]+/g, ' '))
				.slice(0, 100)
				.trim()
		);
	return cleaned.find((name) => senderNameProblem(name) === undefined) ?? cleaned[0] ?? '';
}

/**
 * What the relay's outbox takes for one invoice. The invoice id is the idempotency key, so posting
 * the same invoice twice never delivers it twice. The e-mail goes only when the buyer has an address;
 * Peppol needs none.
 */
export function buildSendRequest(input: SendInput): SendRequest {
	const { document } = input;
	return {
		invoiceId: input.invoiceId,
		...(input.resend ? { resend: input.resend } : {}),
		documentType:
			document.type === 'quote' ? 'quote' : document.type === 'invoice' ? 'invoice' : 'credit-note',
		invoiceNumber: document.number,
		channel: document.type === 'quote' ? 'email' : (input.channel ?? 'auto'),
		buyer: sendBuyer(document),
		...(input.ubl ? { ubl: { fileName: safeName(input.ubl.fileName), xml: input.ubl.xml } } : {}),
		pdf: { fileName: safeName(input.pdf.fileName), contentBase64: toBase64(input.pdf.bytes) },
		attachments: input.attachments.map((file) => ({
			fileName: withExtension(safeName(file.fileName), file.mimeType),
			mimeType: file.mimeType,
			contentBase64: toBase64(file.bytes)
		})),
		...sendEmail(document, input.mail)
	};
}

/** The buyer as the relay needs it to route and to warn. */
export function sendBuyer(document: InvoiceDocument): SendRequest['buyer'] {
	const buyer = document.buyer;
	return {
		name: buyer.name,
		country: buyer.address.countryCode,
		isBusiness: buyer.kind === 'business',
		...(buyer.vatNumber ? { vatNumber: buyer.vatNumber } : {}),
		...(buyer.enterpriseNumber ? { enterpriseNumber: buyer.enterpriseNumber } : {}),
		...(buyer.peppolId ? { peppolId: buyer.peppolId } : {})
	};
}

/** The e-mail fields, only when the buyer has an address: to the buyer, Reply-To the seller. */
export function sendEmail(document: InvoiceDocument, mail: MailText): Pick<SendRequest, 'email'> {
	if (!document.buyer.email) return {};
	return {
		email: {
			to: [document.buyer.email],
			replyTo: document.seller.email,
			sellerName: senderName([document.seller.tradingName, document.seller.name]),
			subject: mail.subject.replace(/[\r\n]+/g, ' ').slice(0, 300),
			text: mail.body
		}
	};
}
