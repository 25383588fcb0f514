import type Mail from 'nodemailer/lib/mailer/index.js';
import { fromDisplayName, stripAddressLike, type AcceptedSendRequest } from '../protocol/index.js';
import { textToHtml } from './text-to-html.js';

/**
 * The invoice e-mail: From is the relay's no-reply address (the relay never sends as someone
 * else's domain) with the seller's name marked "via Billfold", Reply-To is the seller, subject and
 * text are the client's rendered template and the HTML part is built from that text here.
 * The Message-ID is derived from the job id, so a receiver can recognise a resend of the same job.
 */
export function composeInvoiceMail(
	request: AcceptedSendRequest & { email: NonNullable<AcceptedSendRequest['email']> },
	options: { from: string; jobId: string }
): Mail.Options {
	const domain = options.from.split('@')[1] ?? 'localhost';
	return {
		from: { name: fromDisplayName(request.email.sellerName), address: options.from },
		replyTo: { name: stripAddressLike(request.email.sellerName), address: request.email.replyTo },
		to: request.email.to,
		cc: request.email.cc,
		subject: request.email.subject,
		text: request.email.text,
		html: textToHtml(request.email.text),
		messageId: `<${options.jobId}@${domain}>`,
		attachments: [
			{
				filename: request.pdf.fileName,
				content: Buffer.from(request.pdf.contentBase64, 'base64'),
				contentType: 'application/pdf'
			},
			// A quote or a reminder has no UBL.
			...(request.ubl === undefined
				? []
				: [
						{
							filename: request.ubl.fileName,
							content: request.ubl.xml,
							contentType: 'application/xml'
						}
					]),
			...request.attachments.map((a) => ({
				filename: a.fileName,
				content: Buffer.from(a.contentBase64, 'base64'),
				contentType: a.mimeType
			}))
		]
	};
}
