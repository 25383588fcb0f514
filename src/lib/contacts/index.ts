export { addressSchema, countryCodeSchema, type Address } from './address';
export {
	enterpriseNumberCheckDigits,
	formatEnterpriseNumber,
	isValidEnterpriseNumber,
	normalizeEnterpriseNumber
} from './enterprise-number';
export {
	formatPeppolId,
	isValidGln,
	isValidPeppolId,
	KNOWN_PEPPOL_SCHEMES,
	parsePeppolId,
	peppolIdCandidates,
	vatSchemeOf,
	type PeppolId,
	type PeppolParty
} from './peppol-id';
export {
	belgianVatNumber,
	formatBelgianVatNumber,
	isValidVatNumber,
	normalizeVatNumber,
	vatNumberCountry
} from './vat-number';
export {
	CONTACT_SCHEMA_VERSION,
	contactSchema,
	peppolStatusSchema,
	type Contact,
	type PeppolStatus
} from './contact';
export { recordMetaSchema, timestampSchema, type RecordMeta } from './record-meta';
export {
	blankContactValues,
	checkContactValues,
	contactFromValues,
	contactValuesOf,
	contactValuesSchema,
	derivedEnterpriseNumber,
	hasNoDeliveryChannel,
	type ContactErrors,
	type ContactField,
	type ContactValues
} from './contact-form';
export { contactMatches } from './contact-search';
export {
	peppolRequestOf,
	relayPeppolLookup,
	type PeppolAnswer,
	type PeppolCheck,
	type PeppolLookup,
	type PeppolLookupRequest,
	type PeppolLookupSource,
	type RelayPeppolClient
} from './peppol-lookup';
export {
	canLookUpInVies,
	countryOfViesPrefix,
	fillFromCompany,
	type CompanyField,
	type CompanyFound,
	type CompanySuggestion
} from './company-lookup';
