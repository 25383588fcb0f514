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
export { buildReminderRequest, type ReminderSendInput } from './reminder-request';
