export { renderInvoiceFiles, type InvoiceFileOptions, type InvoiceFiles } from './invoice-files';
export {
	chooseMailTemplate,
	DEFAULT_MAIL_TEMPLATES,
	fillMailTemplate,
	mailtoLink,
	type MailChoice,
	type MailTemplate,
	type MailText
} from './mail-template';
export { flushOutbox, queueSend, type OutboxEffects } from './outbox';
export { buildSendRequest, type SendFile, type SendInput } from './send-request';
export { renderQuoteFile, type QuoteFile, type QuoteFileOptions } from './quote-file';
export { DEFAULT_QUOTE_MAIL_TEMPLATE } from './quote-mail';
export { buildReminderRequest, type ReminderSendInput } from './reminder-request';
