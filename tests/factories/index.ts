export { buildBusinessBuyer, buildPrivateBuyer } from './contact-factory';
export { buildInvoiceDocument, buildItemLine } from './invoice-factory';
export { buildSeller } from './seller-factory';
