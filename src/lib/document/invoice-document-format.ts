// The format tag and version an invoice document carries, apart from its schema
// (invoice-document.ts): the PDF worker's sample invoice needs them and must not load zod.
export const INVOICE_DOCUMENT_FORMAT = 'billfold/invoice-document';
export const INVOICE_DOCUMENT_VERSION = 1;
