// The rule data the validator loads, as paths relative to ./data. A loader maps each one to
// bytes: Node reads ./data from disk, a browser worker fetches the files as static assets.

export const RULE_FILES = {
	cen: 'rules/CEN-EN16931-UBL.sch',
	peppol: 'rules/PEPPOL-EN16931-UBL.sch'
} as const;

const XSD_COMMON = [
	'CCTS_CCT_SchemaModule-2.1.xsd',
	'UBL-CommonAggregateComponents-2.1.xsd',
	'UBL-CommonBasicComponents-2.1.xsd',
	'UBL-CommonExtensionComponents-2.1.xsd',
	'UBL-CommonSignatureComponents-2.1.xsd',
	'UBL-CoreComponentParameters-2.1.xsd',
	'UBL-ExtensionContentDataType-2.1.xsd',
	'UBL-QualifiedDataTypes-2.1.xsd',
	'UBL-SignatureAggregateComponents-2.1.xsd',
	'UBL-SignatureBasicComponents-2.1.xsd',
	'UBL-UnqualifiedDataTypes-2.1.xsd',
	'UBL-XAdESv132-2.1.xsd',
	'UBL-XAdESv141-2.1.xsd',
	'UBL-xmldsig-core-schema-2.1.xsd'
] as const;

export const XSD_MAINDOCS = {
	Invoice: 'xsd/ubl-2.1/maindoc/UBL-Invoice-2.1.xsd',
	CreditNote: 'xsd/ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd'
} as const;

export const XSD_FILES = [
	...Object.values(XSD_MAINDOCS),
	...XSD_COMMON.map((name) => `xsd/ubl-2.1/common/${name}` as const)
];

/** Every file a validator needs, relative to ./data. */
export const DATA_FILES = [...Object.values(RULE_FILES), ...XSD_FILES] as const;
export type DataFile = (typeof DATA_FILES)[number];

/** The releases in ./data (see README.md for their sources and how to update them). */
export const RULE_VERSIONS = {
	cen: 'CEN EN 16931 UBL 1.3.16',
	peppol: 'Peppol BIS Billing 3.0.21',
	ubl: 'OASIS UBL 2.1'
} as const;
