import { HttpError, type FieldError } from '../http/errors.js';
import { matchesSignature } from '../outbox/file-signature.js';
import { readUblIdentity } from '../outbox/ubl-identity.js';
import { base64DecodedBytes, type AcceptedSendRequest } from '../protocol/index.js';

/**
 * Caps that depend on configuration: each file's size (413: the PDF and each attachment, decoded;
 * the UBL has its own, larger cap because it embeds the PDF and the attachments in base64) and the
 * number of attachments (400).
 */
export function checkSendSizes(
	request: AcceptedSendRequest,
	maxBytes: number,
	maxAttachments: number,
	maxUblBytes: number
): void {
	if (request.attachments.length > maxAttachments) {
		throw new HttpError(
			400,
			'invalid-request',
			`At most ${maxAttachments} attachments are accepted.`,
			[{ path: 'attachments', message: `at most ${maxAttachments} attachments` }]
		);
	}
	const oversize: FieldError[] = [];
	const tooLarge = `is larger than ${maxBytes} bytes`;
	if (base64DecodedBytes(request.pdf.contentBase64) > maxBytes)
		oversize.push({ path: 'pdf.contentBase64', message: tooLarge });
	if (request.ubl !== undefined && Buffer.byteLength(request.ubl.xml, 'utf8') > maxUblBytes)
		oversize.push({ path: 'ubl.xml', message: `is larger than ${maxUblBytes} bytes` });
	request.attachments.forEach((attachment, index) => {
		if (base64DecodedBytes(attachment.contentBase64) > maxBytes)
			oversize.push({ path: `attachments.${index}.contentBase64`, message: tooLarge });
	});
	if (oversize.length > 0) {
		throw new HttpError(
			413,
			'payload-too-large',
			`Each file may be at most ${maxBytes} bytes, the UBL at most ${maxUblBytes} bytes.`,
			oversize
		);
	}
}

/**
 * What the schema cannot see: that each file is what it claims to be (signature bytes, not only
 * the declared type and name), and that the UBL parses safely as the invoice the request names.
 */
export function checkSendContent(request: AcceptedSendRequest): void {
	const problems: FieldError[] = [];
	if (!matchesSignature('application/pdf', Buffer.from(request.pdf.contentBase64, 'base64')))
		problems.push({ path: 'pdf.contentBase64', message: 'is not a PDF file' });
	request.attachments.forEach((attachment, index) => {
		const bytes = Buffer.from(attachment.contentBase64, 'base64');
		if (!matchesSignature(attachment.mimeType, bytes)) {
			problems.push({
				path: `attachments.${index}.contentBase64`,
				message: `is not a ${attachment.mimeType} file (its content does not match the type)`
			});
		}
	});
	// A quote or a reminder has no UBL (the schema refuses one): a PDF by e-mail only.
	if (request.ubl !== undefined) problems.push(...ublProblems(request, request.ubl.xml));
	if (problems.length > 0) {
		const summary = problems
			.slice(0, 3)
			.map((p) => `${p.path}: ${p.message}`)
			.join('; ');
		throw new HttpError(400, 'invalid-request', `The request is invalid: ${summary}.`, problems);
	}
}

/** That the UBL parses safely as the document the request names, with its number. */
function ublProblems(request: AcceptedSendRequest, xml: string): FieldError[] {
	const ubl = readUblIdentity(xml);
	if (!ubl.ok) return [{ path: 'ubl.xml', message: ubl.reason }];
	if (ubl.documentType !== request.documentType)
		return [
			{ path: 'ubl.xml', message: `is a ${ubl.documentType}, not a ${request.documentType}` }
		];
	if (ubl.id !== request.invoiceNumber)
		return [
			{
				path: 'ubl.xml',
				message: `has cbc:ID "${ubl.id.slice(0, 64)}", not the invoice number "${request.invoiceNumber}"`
			}
		];
	return [];
}
