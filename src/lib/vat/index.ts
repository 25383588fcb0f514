export {
	breakdownKey,
	isZeroRatedCategory,
	requiresBuyerVatId,
	requiresExemptionReason,
	VAT_CATEGORIES,
	type VatCategory
} from './category';
export {
	CO_CONTRACTOR_MENTION,
	DEFAULT_VAT_CODE_IDS,
	defaultVatCodes,
	SMALL_BUSINESS_MENTION
} from './default-vat-codes';
export { findVatCode } from './find-vat-code';
export { VAT_RATE_PATTERN, vatCodeSchema, type VatCode } from './vat-code';
