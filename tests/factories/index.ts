export { buildBusinessBuyer, buildContact, buildPrivateBuyer } from './contact-factory';
export { buildInvoiceDocument, buildInvoiceRecord, buildItemLine } from './invoice-factory';
export { buildItem, buildTextItem } from './item-factory';
export { buildRecordMeta } from './record-meta';
export { buildSeller, buildSellerProfile } from './seller-factory';
export {
	arbitraryBelgianIban,
	arbitraryEnterpriseNumber,
	arbitraryGln,
	arbitraryInvoiceDocument,
	arbitraryItemLine,
	arbitraryLines,
	arbitrarySeller,
	type InvoiceDocumentArbitraryOptions
} from './arbitraries';
export { answeringFetch, jsonResponse, type RecordedRequest } from './answering-fetch';
export { buildReceivedDocument } from './purchase-factory';
