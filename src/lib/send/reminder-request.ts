import { toBase64 } from '$lib/bytes';
import type { InvoiceDocument } from '$lib/document';
import type { SendRequest } from '$protocol';
import type { MailText } from './mail-template';
import { safeName, sendBuyer, sendEmail } from './send-request';

export interface ReminderSendInput {
	/** The reminder's own id: the relay's idempotency key, so it is never sent twice. */
	reminderId: string;
	/** The invoice reminded of. */
	document: InvoiceDocument;
	statement: { fileName: string; bytes: Uint8Array };
	mail: MailText;
}

/** A payment reminder for the relay's outbox: its statement PDF by e-mail, no UBL, no Peppol. */
export function buildReminderRequest(input: ReminderSendInput): SendRequest {
	return {
		invoiceId: input.reminderId,
		documentType: 'reminder',
		invoiceNumber: input.document.number,
		channel: 'email',
		buyer: sendBuyer(input.document),
		pdf: {
			fileName: safeName(input.statement.fileName),
			contentBase64: toBase64(input.statement.bytes)
		},
		attachments: [],
		...sendEmail(input.document, input.mail)
	};
}
