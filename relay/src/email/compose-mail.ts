import type Mail from 'nodemailer/lib/mailer/index.js';
import type { SendRequest } from '../api/schemas.js';

/**
 * The invoice e-mail: From is the relay's no-reply address (the relay never sends as someone
 * else's domain), Reply-To is the seller, subject and body are the client's rendered template.
 * The Message-ID is derived from the job id, so a receiver can recognise a resend of the same job.
 */
export function composeInvoiceMail(
	request: SendRequest & { email: NonNullable<SendRequest['email']> },
	options: { from: string; jobId: string }
): Mail.Options {
	const domain = options.from.split('@')[1] ?? 'localhost';
	return {
		from: { name: request.email.sellerName, address: options.from },
		replyTo: { name: request.email.sellerName, address: request.email.replyTo },
		to: request.email.to,
		cc: request.email.cc,
		subject: request.email.subject,
		text: request.email.text,
		html: request.email.html,
		messageId: `<${options.jobId}@${domain}>`,
		attachments: [
			{
				filename: request.pdf.fileName,
				content: Buffer.from(request.pdf.contentBase64, 'base64'),
				contentType: 'application/pdf'
			},
			{ filename: request.ubl.fileName, content: request.ubl.xml, contentType: 'application/xml' },
			...request.attachments.map((a) => ({
				filename: a.fileName,
				content: Buffer.from(a.contentBase64, 'base64'),
				contentType: a.mimeType
			}))
		]
	};
}
