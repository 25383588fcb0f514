export { renderInvoiceFiles, type InvoiceFileOptions, type InvoiceFiles } from './invoice-files';
export {
	DEFAULT_MAIL_TEMPLATES,
	fillMailTemplate,
	mailtoLink,
	type MailTemplate,
	type MailText
} from './mail-template';
