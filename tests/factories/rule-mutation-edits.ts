// Edits of a base document (./rule-mutation-bases.ts) that make fire the asserts whose test has
// no shape ./rule-mutations.ts reads: SEARCHED as ./rule-mutation-search.ts found them (one
// edit each), HAND_MADE where one edit is not enough.
import type { Edit } from './rule-mutations';

type Entry = readonly [id: string, base: string, edits: readonly Edit[]];

const SELLER = '/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]';
const ENDPOINT = `${SELLER}/cbc:EndpointID[1]`;

/** An identifier scheme's syntax rule: the seller's endpoint in that scheme, with a bad value. */
const scheme = (id: string, code: string): Entry => [
	id,
	'invoice',
	[
		['@schemeID', ENDPOINT, code],
		['text', ENDPOINT, 'XX']
	]
];

// in the official Allowance-example: a document-level charge, then an allowance; a line with both
const CHARGE = '/Invoice[1]/cac:AllowanceCharge[1]';
const ALLOWANCE = '/Invoice[1]/cac:AllowanceCharge[2]';
const LINE = '/Invoice[1]/cac:InvoiceLine[1]';

/** An allowance or charge with neither a reason nor a reason code. */
const withoutReason = (id: string, at: string): Entry => [
	id,
	'allowances',
	[
		['remove', `${at}/cbc:AllowanceChargeReasonCode[1]`],
		['remove', `${at}/cbc:AllowanceChargeReason[1]`]
	]
];

/** An allowance or charge in VAT category `category` with a negative rate. */
const negativeRate = (id: string, at: string, category: string): Entry => [
	id,
	'allowances',
	[
		['text', `${at}/cac:TaxCategory[1]/cbc:ID[1]`, category],
		['text', `${at}/cac:TaxCategory[1]/cbc:Percent[1]`, '-1']
	]
];

/** An allowance or charge in VAT category `code` (its 25 % rate left as it is). */
const category = (id: string, at: string, code: string): Entry => [
	id,
	'allowances',
	[['text', `${at}/cac:TaxCategory[1]/cbc:ID[1]`, code]]
];

const HAND_MADE: readonly Entry[] = [
	scheme('PEPPOL-COMMON-R041', '0192'),
	scheme('PEPPOL-COMMON-R044', '0201'),
	scheme('PEPPOL-COMMON-R045', '0210'),
	scheme('PEPPOL-COMMON-R046', '9907'),
	scheme('PEPPOL-COMMON-R047', '0211'),
	scheme('PEPPOL-COMMON-R049', '0007'),
	scheme('PEPPOL-COMMON-R050', '0151'),
	scheme('PEPPOL-COMMON-R052', '0096'),
	scheme('PEPPOL-COMMON-R053', '0198'),
	scheme('PEPPOL-COMMON-R054', '0106'),
	scheme('PEPPOL-COMMON-R055', '0190'),
	scheme('PEPPOL-COMMON-R056-1', '9944'),
	scheme('PEPPOL-COMMON-R057', '0217'),
	[
		'UBL-CR-412',
		'invoice',
		[['+cbc:PaymentDueDate', '/Invoice[1]/cac:PaymentMeans[1]', '2026-01-01']]
	],
	...(['BR-38', 'BR-CO-22'] as const).map((id) => withoutReason(id, CHARGE)),
	...(['BR-33', 'BR-CO-21'] as const).map((id) => withoutReason(id, ALLOWANCE)),
	...(['BR-44', 'BR-CO-24'] as const).map((id) =>
		withoutReason(id, `${LINE}/cac:AllowanceCharge[1]`)
	),
	...(['BR-42', 'BR-CO-23'] as const).map((id) =>
		withoutReason(id, `${LINE}/cac:AllowanceCharge[2]`)
	),
	negativeRate('BR-AF-07', CHARGE, 'L'),
	negativeRate('BR-AF-06', ALLOWANCE, 'L'),
	negativeRate('BR-AG-07', CHARGE, 'M'),
	negativeRate('BR-AG-06', ALLOWANCE, 'M'),
	...(
		[
			['AE', 'AE'],
			['E', 'E'],
			['G', 'G'],
			['IC', 'K'],
			['Z', 'Z'],
			['O', 'O']
		] as const
	).flatMap(([family, code]) => [
		category(`BR-${family}-07`, CHARGE, code),
		category(`BR-${family}-04`, CHARGE, code),
		category(`BR-${family}-06`, ALLOWANCE, code),
		category(`BR-${family}-03`, ALLOWANCE, code)
	]),
	['BR-S-07', 'allowances', [['text', `${CHARGE}/cac:TaxCategory[1]/cbc:Percent[1]`, '0']]],
	['BR-S-06', 'allowances', [['text', `${ALLOWANCE}/cac:TaxCategory[1]/cbc:Percent[1]`, '0']]],
	['BR-32', 'allowances', [['remove', `${ALLOWANCE}/cac:TaxCategory[1]`]]]
];

const SEARCHED: readonly Entry[] = [
	['PEPPOL-EN16931-R004', 'invoice', [['remove', '/Invoice[1]/cbc:CustomizationID[1]']]],
	['PEPPOL-EN16931-R008', 'invoice', [['text', '/Invoice[1]/cbc:CustomizationID[1]', '']]],
	['UBL-DT-18', 'invoice', [['@name', '/Invoice[1]/cbc:CustomizationID[1]', '']]],
	['PEPPOL-EN16931-R001', 'invoice', [['remove', '/Invoice[1]/cbc:ProfileID[1]']]],
	['PEPPOL-EN16931-R007', 'invoice', [['remove', '/Invoice[1]/cbc:ProfileID[1]']]],
	['PEPPOL-EN16931-P0100', 'invoice', [['repeat', '/Invoice[1]/cbc:ProfileID[1]']]],
	['PEPPOL-EN16931-F001', 'invoice', [['text', '/Invoice[1]/cbc:IssueDate[1]', '']]],
	['BR-04', 'invoice', [['remove', '/Invoice[1]/cbc:InvoiceTypeCode[1]']]],
	['BR-CL-01', 'invoice', [['text', '/Invoice[1]/cbc:InvoiceTypeCode[1]', '']]],
	['PEPPOL-EN16931-P0112', 'invoice', [['text', '/Invoice[1]/cbc:InvoiceTypeCode[1]', '384']]],
	['PEPPOL-EN16931-R051', 'invoice', [['remove', '/Invoice[1]/cbc:DocumentCurrencyCode[1]']]],
	['BR-CO-15', 'invoice', [['text', '/Invoice[1]/cbc:DocumentCurrencyCode[1]', '']]],
	['BR-CL-04', 'invoice', [['text', '/Invoice[1]/cbc:DocumentCurrencyCode[1]', '']]],
	['PEPPOL-EN16931-R003', 'invoice', [['remove', '/Invoice[1]/cbc:BuyerReference[1]']]],
	['BR-S-02', 'invoice', [['remove', '/Invoice[1]/cac:AccountingSupplierParty[1]']]],
	['BR-CO-26', 'invoice', [['remove', '/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]']]],
	[
		'PEPPOL-EN16931-R020',
		'invoice',
		[['remove', '/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cbc:EndpointID[1]']]
	],
	[
		'PEPPOL-COMMON-R043',
		'invoice',
		[['text', '/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cbc:EndpointID[1]', '']]
	],
	[
		'BR-CL-25',
		'invoice',
		[['@schemeID', '/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cbc:EndpointID[1]', '']]
	],
	[
		'PEPPOL-EN16931-CL008',
		'invoice',
		[['@schemeID', '/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cbc:EndpointID[1]', '']]
	],
	[
		'BR-CL-14',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PostalAddress[1]/cac:Country[1]/cbc:IdentificationCode[1]',
				''
			]
		]
	],
	[
		'SE-R-013',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PostalAddress[1]/cac:Country[1]/cbc:IdentificationCode[1]',
				'SE'
			]
		]
	],
	[
		'DK-R-014',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PostalAddress[1]/cac:Country[1]/cbc:IdentificationCode[1]',
				'DK'
			]
		]
	],
	[
		'NL-R-003',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PostalAddress[1]/cac:Country[1]/cbc:IdentificationCode[1]',
				'NL'
			]
		]
	],
	[
		'IS-R-002',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PostalAddress[1]/cac:Country[1]/cbc:IdentificationCode[1]',
				'IS'
			]
		]
	],
	[
		'UBL-SR-53',
		'invoice',
		[
			[
				'remove',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PartyTaxScheme[1]/cbc:CompanyID[1]'
			]
		]
	],
	[
		'BR-CO-09',
		'invoice',
		[
			[
				'repeat',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PartyTaxScheme[1]/cbc:CompanyID[1]'
			]
		]
	],
	[
		'NO-R-001',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PartyTaxScheme[1]/cbc:CompanyID[1]',
				'NO'
			]
		]
	],
	[
		'NO-R-002',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PartyTaxScheme[1]/cbc:CompanyID[1]',
				'NO'
			]
		]
	],
	[
		'PEPPOL-COMMON-R056-2',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PartyTaxScheme[1]/cbc:CompanyID[1]',
				'NL'
			]
		]
	],
	[
		'GR-R-001-1',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PartyTaxScheme[1]/cbc:CompanyID[1]',
				'GR'
			]
		]
	],
	[
		'GR-R-001-2',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PartyTaxScheme[1]/cbc:CompanyID[1]',
				'GR'
			]
		]
	],
	[
		'GR-R-001-3',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PartyTaxScheme[1]/cbc:CompanyID[1]',
				'GR'
			]
		]
	],
	[
		'GR-R-001-4',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PartyTaxScheme[1]/cbc:CompanyID[1]',
				'GR'
			]
		]
	],
	[
		'GR-R-001-5',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PartyTaxScheme[1]/cbc:CompanyID[1]',
				'GR'
			]
		]
	],
	[
		'GR-R-001-6',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PartyTaxScheme[1]/cbc:CompanyID[1]',
				'GR'
			]
		]
	],
	[
		'GR-R-001-7',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PartyTaxScheme[1]/cbc:CompanyID[1]',
				'GR'
			]
		]
	],
	[
		'GR-R-009',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PartyTaxScheme[1]/cbc:CompanyID[1]',
				'GR'
			]
		]
	],
	[
		'GR-R-003',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PartyTaxScheme[1]/cbc:CompanyID[1]',
				'GR'
			]
		]
	],
	[
		'GR-S-011',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PartyTaxScheme[1]/cbc:CompanyID[1]',
				'GR'
			]
		]
	],
	[
		'BR-CL-11',
		'invoice',
		[
			[
				'@schemeID',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PartyLegalEntity[1]/cbc:CompanyID[1]',
				''
			]
		]
	],
	[
		'PEPPOL-EN16931-R010',
		'invoice',
		[['remove', '/Invoice[1]/cac:AccountingCustomerParty[1]/cac:Party[1]/cbc:EndpointID[1]']]
	],
	['BR-61', 'invoice', [['repeat', '/Invoice[1]/cac:PaymentMeans[1]/cbc:PaymentMeansCode[1]']]],
	[
		'BR-CL-16',
		'invoice',
		[['text', '/Invoice[1]/cac:PaymentMeans[1]/cbc:PaymentMeansCode[1]', '']]
	],
	[
		'PEPPOL-EN16931-R061',
		'invoice',
		[['text', '/Invoice[1]/cac:PaymentMeans[1]/cbc:PaymentMeansCode[1]', '59']]
	],
	['BR-S-01', 'invoice', [['remove', '/Invoice[1]/cac:TaxTotal[1]']]],
	['PEPPOL-EN16931-R053', 'invoice', [['remove', '/Invoice[1]/cac:TaxTotal[1]']]],
	['BR-CO-14', 'invoice', [['remove', '/Invoice[1]/cac:TaxTotal[1]/cbc:TaxAmount[1]']]],
	['UBL-DT-01', 'invoice', [['text', '/Invoice[1]/cac:TaxTotal[1]/cbc:TaxAmount[1]', '1.001']]],
	['BR-CL-03', 'invoice', [['@currencyID', '/Invoice[1]/cac:TaxTotal[1]/cbc:TaxAmount[1]', '']]],
	[
		'PEPPOL-EN16931-CL007',
		'invoice',
		[['@currencyID', '/Invoice[1]/cac:TaxTotal[1]/cbc:TaxAmount[1]', '']]
	],
	[
		'PEPPOL-EN16931-R054',
		'invoice',
		[['remove', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]']]
	],
	[
		'BR-CO-17',
		'invoice',
		[['remove', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cbc:TaxableAmount[1]']]
	],
	[
		'BR-S-08',
		'invoice',
		[['remove', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cbc:TaxableAmount[1]']]
	],
	[
		'BR-S-09',
		'invoice',
		[['remove', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cbc:TaxableAmount[1]']]
	],
	[
		'BR-47',
		'invoice',
		[['remove', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]']]
	],
	[
		'BR-48',
		'invoice',
		[['remove', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]']]
	],
	[
		'BR-AF-01',
		'invoice',
		[['repeat', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]']]
	],
	[
		'BR-AG-01',
		'invoice',
		[['repeat', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]']]
	],
	[
		'BR-CL-17',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', '']]
	],
	[
		'BR-E-08',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'E']]
	],
	[
		'BR-E-09',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'E']]
	],
	[
		'BR-E-10',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'E']]
	],
	[
		'BR-AE-08',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'AE']]
	],
	[
		'BR-AE-09',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'AE']]
	],
	[
		'BR-AE-10',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'AE']]
	],
	[
		'BR-O-12',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'O']]
	],
	[
		'BR-O-08',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'O']]
	],
	[
		'BR-O-09',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'O']]
	],
	[
		'BR-O-10',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'O']]
	],
	[
		'BR-Z-08',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'Z']]
	],
	[
		'BR-Z-09',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'Z']]
	],
	[
		'BR-IC-11',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'K']]
	],
	[
		'BR-IC-12',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'K']]
	],
	[
		'BR-IC-08',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'K']]
	],
	[
		'BR-IC-09',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'K']]
	],
	[
		'BR-IC-10',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'K']]
	],
	[
		'BR-G-08',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'G']]
	],
	[
		'BR-G-09',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'G']]
	],
	[
		'BR-G-10',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'G']]
	],
	[
		'BR-AF-08',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'L']]
	],
	[
		'BR-AG-08',
		'invoice',
		[['text', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cbc:ID[1]', 'M']]
	],
	[
		'BR-AE-01',
		'invoice',
		[
			[
				'repeat',
				'/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cac:TaxScheme[1]/cbc:ID[1]'
			]
		]
	],
	[
		'BR-E-01',
		'invoice',
		[
			[
				'repeat',
				'/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cac:TaxScheme[1]/cbc:ID[1]'
			]
		]
	],
	[
		'BR-G-01',
		'invoice',
		[
			[
				'repeat',
				'/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cac:TaxScheme[1]/cbc:ID[1]'
			]
		]
	],
	[
		'BR-IC-01',
		'invoice',
		[
			[
				'repeat',
				'/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cac:TaxScheme[1]/cbc:ID[1]'
			]
		]
	],
	[
		'BR-O-01',
		'invoice',
		[
			[
				'repeat',
				'/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cac:TaxScheme[1]/cbc:ID[1]'
			]
		]
	],
	[
		'BR-O-11',
		'invoice',
		[
			[
				'repeat',
				'/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cac:TaxScheme[1]/cbc:ID[1]'
			]
		]
	],
	[
		'BR-O-13',
		'invoice',
		[
			[
				'repeat',
				'/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cac:TaxScheme[1]/cbc:ID[1]'
			]
		]
	],
	[
		'BR-O-14',
		'invoice',
		[
			[
				'repeat',
				'/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cac:TaxScheme[1]/cbc:ID[1]'
			]
		]
	],
	[
		'BR-Z-01',
		'invoice',
		[
			[
				'repeat',
				'/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]/cac:TaxScheme[1]/cbc:ID[1]'
			]
		]
	],
	[
		'BR-CO-10',
		'invoice',
		[['remove', '/Invoice[1]/cac:LegalMonetaryTotal[1]/cbc:LineExtensionAmount[1]']]
	],
	[
		'BR-CO-13',
		'invoice',
		[['remove', '/Invoice[1]/cac:LegalMonetaryTotal[1]/cbc:LineExtensionAmount[1]']]
	],
	[
		'BR-CO-16',
		'invoice',
		[['remove', '/Invoice[1]/cac:LegalMonetaryTotal[1]/cbc:TaxInclusiveAmount[1]']]
	],
	['BR-16', 'invoice', [['remove', '/Invoice[1]/cac:InvoiceLine[1]']]],
	['BR-22', 'invoice', [['remove', '/Invoice[1]/cac:InvoiceLine[1]/cbc:InvoicedQuantity[1]']]],
	['BR-23', 'invoice', [['remove', '/Invoice[1]/cac:InvoiceLine[1]/cbc:InvoicedQuantity[1]']]],
	[
		'PEPPOL-EN16931-R120',
		'invoice',
		[['remove', '/Invoice[1]/cac:InvoiceLine[1]/cbc:InvoicedQuantity[1]']]
	],
	[
		'BR-CL-23',
		'invoice',
		[['@unitCode', '/Invoice[1]/cac:InvoiceLine[1]/cbc:InvoicedQuantity[1]', '']]
	],
	['BR-CO-04', 'invoice', [['remove', '/Invoice[1]/cac:InvoiceLine[1]/cac:Item[1]']]],
	['UBL-SR-48', 'invoice', [['remove', '/Invoice[1]/cac:InvoiceLine[1]/cac:Item[1]']]],
	[
		'BR-AE-02',
		'invoice',
		[
			[
				'repeat',
				'/Invoice[1]/cac:InvoiceLine[1]/cac:Item[1]/cac:ClassifiedTaxCategory[1]/cbc:ID[1]'
			]
		]
	],
	[
		'BR-E-02',
		'invoice',
		[
			[
				'repeat',
				'/Invoice[1]/cac:InvoiceLine[1]/cac:Item[1]/cac:ClassifiedTaxCategory[1]/cbc:ID[1]'
			]
		]
	],
	[
		'BR-G-02',
		'invoice',
		[
			[
				'repeat',
				'/Invoice[1]/cac:InvoiceLine[1]/cac:Item[1]/cac:ClassifiedTaxCategory[1]/cbc:ID[1]'
			]
		]
	],
	[
		'BR-IC-02',
		'invoice',
		[
			[
				'repeat',
				'/Invoice[1]/cac:InvoiceLine[1]/cac:Item[1]/cac:ClassifiedTaxCategory[1]/cbc:ID[1]'
			]
		]
	],
	[
		'BR-AF-02',
		'invoice',
		[
			[
				'repeat',
				'/Invoice[1]/cac:InvoiceLine[1]/cac:Item[1]/cac:ClassifiedTaxCategory[1]/cbc:ID[1]'
			]
		]
	],
	[
		'BR-AG-02',
		'invoice',
		[
			[
				'repeat',
				'/Invoice[1]/cac:InvoiceLine[1]/cac:Item[1]/cac:ClassifiedTaxCategory[1]/cbc:ID[1]'
			]
		]
	],
	[
		'BR-O-02',
		'invoice',
		[
			[
				'repeat',
				'/Invoice[1]/cac:InvoiceLine[1]/cac:Item[1]/cac:ClassifiedTaxCategory[1]/cbc:ID[1]'
			]
		]
	],
	[
		'BR-Z-02',
		'invoice',
		[
			[
				'repeat',
				'/Invoice[1]/cac:InvoiceLine[1]/cac:Item[1]/cac:ClassifiedTaxCategory[1]/cbc:ID[1]'
			]
		]
	],
	[
		'BR-CL-18',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:InvoiceLine[1]/cac:Item[1]/cac:ClassifiedTaxCategory[1]/cbc:ID[1]',
				''
			]
		]
	],
	[
		'BR-E-05',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:InvoiceLine[1]/cac:Item[1]/cac:ClassifiedTaxCategory[1]/cbc:ID[1]',
				'E'
			]
		]
	],
	[
		'BR-AE-05',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:InvoiceLine[1]/cac:Item[1]/cac:ClassifiedTaxCategory[1]/cbc:ID[1]',
				'AE'
			]
		]
	],
	[
		'BR-Z-05',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:InvoiceLine[1]/cac:Item[1]/cac:ClassifiedTaxCategory[1]/cbc:ID[1]',
				'Z'
			]
		]
	],
	[
		'BR-IC-05',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:InvoiceLine[1]/cac:Item[1]/cac:ClassifiedTaxCategory[1]/cbc:ID[1]',
				'K'
			]
		]
	],
	[
		'BR-G-05',
		'invoice',
		[
			[
				'text',
				'/Invoice[1]/cac:InvoiceLine[1]/cac:Item[1]/cac:ClassifiedTaxCategory[1]/cbc:ID[1]',
				'G'
			]
		]
	],
	[
		'BR-S-05',
		'invoice',
		[
			[
				'remove',
				'/Invoice[1]/cac:InvoiceLine[1]/cac:Item[1]/cac:ClassifiedTaxCategory[1]/cbc:Percent[1]'
			]
		]
	],
	['BR-27', 'invoice', [['remove', '/Invoice[1]/cac:InvoiceLine[1]/cac:Price[1]']]],
	['PEPPOL-EN16931-P0101', 'creditNote', [['repeat', '/CreditNote[1]/cbc:ProfileID[1]']]],
	[
		'UBL-SR-07',
		'creditNote',
		[['remove', '/CreditNote[1]/cac:BillingReference[1]/cac:InvoiceDocumentReference[1]']]
	],
	['PEPPOL-EN16931-R002', 'allowances', [['repeat', '/Invoice[1]/cbc:Note[1]']]],
	['PEPPOL-EN16931-R055', 'allowances', [['remove', '/Invoice[1]/cbc:DocumentCurrencyCode[1]']]],
	['PEPPOL-EN16931-R005', 'allowances', [['repeat', '/Invoice[1]/cbc:DocumentCurrencyCode[1]']]],
	['BR-53', 'allowances', [['text', '/Invoice[1]/cbc:TaxCurrencyCode[1]', '']]],
	['BR-CL-05', 'allowances', [['text', '/Invoice[1]/cbc:TaxCurrencyCode[1]', '']]],
	['PEPPOL-EN16931-R110', 'allowances', [['repeat', '/Invoice[1]/cac:InvoicePeriod[1]']]],
	['PEPPOL-EN16931-R111', 'allowances', [['repeat', '/Invoice[1]/cac:InvoicePeriod[1]']]],
	['BR-29', 'allowances', [['repeat', '/Invoice[1]/cac:InvoicePeriod[1]/cbc:StartDate[1]']]],
	[
		'BR-CL-07',
		'allowances',
		[['@schemeID', '/Invoice[1]/cac:AdditionalDocumentReference[1]/cbc:ID[1]', '']]
	],
	[
		'UBL-SR-43',
		'allowances',
		[['remove', '/Invoice[1]/cac:AdditionalDocumentReference[1]/cbc:DocumentTypeCode[1]']]
	],
	['BR-S-03', 'allowances', [['remove', '/Invoice[1]/cac:AccountingSupplierParty[1]']]],
	['BR-S-04', 'allowances', [['remove', '/Invoice[1]/cac:AccountingSupplierParty[1]']]],
	[
		'PEPPOL-COMMON-R040',
		'allowances',
		[['text', '/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cbc:EndpointID[1]', '']]
	],
	[
		'BR-CL-10',
		'allowances',
		[
			[
				'@schemeID',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PartyIdentification[1]/cbc:ID[1]',
				''
			]
		]
	],
	[
		'SE-R-003',
		'allowances',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PostalAddress[1]/cac:Country[1]/cbc:IdentificationCode[1]',
				'SE'
			]
		]
	],
	[
		'SE-R-004',
		'allowances',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PostalAddress[1]/cac:Country[1]/cbc:IdentificationCode[1]',
				'SE'
			]
		]
	],
	[
		'NL-R-009',
		'allowances',
		[
			[
				'text',
				'/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]/cac:PostalAddress[1]/cac:Country[1]/cbc:IdentificationCode[1]',
				'NL'
			]
		]
	],
	[
		'BR-CL-26',
		'allowances',
		[['@schemeID', '/Invoice[1]/cac:Delivery[1]/cac:DeliveryLocation[1]/cbc:ID[1]', '']]
	],
	[
		'UBL-SR-51',
		'allowances',
		[
			[
				'repeat',
				'/Invoice[1]/cac:Delivery[1]/cac:DeliveryLocation[1]/cac:Address[1]/cac:AddressLine[1]'
			]
		]
	],
	['BR-CO-12', 'allowances', [['remove', '/Invoice[1]/cac:AllowanceCharge[1]']]],
	[
		'PEPPOL-EN16931-R043',
		'allowances',
		[['remove', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]']]
	],
	[
		'BR-AE-03',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', '']]
	],
	[
		'BR-AE-04',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', '']]
	],
	[
		'BR-E-03',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', '']]
	],
	[
		'BR-E-04',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', '']]
	],
	[
		'BR-G-03',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', '']]
	],
	[
		'BR-G-04',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', '']]
	],
	[
		'BR-IC-03',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', '']]
	],
	[
		'BR-IC-04',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', '']]
	],
	[
		'BR-AF-03',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', '']]
	],
	[
		'BR-AF-04',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', '']]
	],
	[
		'BR-AG-03',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', '']]
	],
	[
		'BR-AG-04',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', '']]
	],
	[
		'BR-O-03',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', '']]
	],
	[
		'BR-O-04',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', '']]
	],
	[
		'BR-Z-03',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', '']]
	],
	[
		'BR-Z-04',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', '']]
	],
	[
		'BR-CO-11',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', '']]
	],
	[
		'BR-CL-19',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', '0']]
	],
	[
		'PEPPOL-EN16931-CL002',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:ChargeIndicator[1]', 'false']]
	],
	[
		'BR-CL-20',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:AllowanceChargeReasonCode[1]', '']]
	],
	[
		'PEPPOL-EN16931-CL003',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:AllowanceChargeReasonCode[1]', '']]
	],
	[
		'PEPPOL-EN16931-R042',
		'allowances',
		[['remove', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:MultiplierFactorNumeric[1]']]
	],
	[
		'PEPPOL-EN16931-R040',
		'allowances',
		[['repeat', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:MultiplierFactorNumeric[1]']]
	],
	[
		'PEPPOL-EN16931-R041',
		'allowances',
		[['remove', '/Invoice[1]/cac:AllowanceCharge[1]/cbc:BaseAmount[1]']]
	],
	['BR-37', 'allowances', [['remove', '/Invoice[1]/cac:AllowanceCharge[1]/cac:TaxCategory[1]']]],
	[
		'BR-E-07',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cac:TaxCategory[1]/cbc:ID[1]', 'E']]
	],
	[
		'BR-AE-07',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cac:TaxCategory[1]/cbc:ID[1]', 'AE']]
	],
	[
		'BR-Z-07',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cac:TaxCategory[1]/cbc:ID[1]', 'Z']]
	],
	[
		'BR-IC-07',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cac:TaxCategory[1]/cbc:ID[1]', 'K']]
	],
	[
		'BR-G-07',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[1]/cac:TaxCategory[1]/cbc:ID[1]', 'G']]
	],
	[
		'BR-S-07',
		'allowances',
		[['remove', '/Invoice[1]/cac:AllowanceCharge[1]/cac:TaxCategory[1]/cbc:Percent[1]']]
	],
	['BR-32', 'allowances', [['remove', '/Invoice[1]/cac:AllowanceCharge[2]/cac:TaxCategory[1]']]],
	[
		'BR-E-06',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[2]/cac:TaxCategory[1]/cbc:ID[1]', 'E']]
	],
	[
		'BR-AE-06',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[2]/cac:TaxCategory[1]/cbc:ID[1]', 'AE']]
	],
	[
		'BR-Z-06',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[2]/cac:TaxCategory[1]/cbc:ID[1]', 'Z']]
	],
	[
		'BR-IC-06',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[2]/cac:TaxCategory[1]/cbc:ID[1]', 'K']]
	],
	[
		'BR-G-06',
		'allowances',
		[['text', '/Invoice[1]/cac:AllowanceCharge[2]/cac:TaxCategory[1]/cbc:ID[1]', 'G']]
	],
	[
		'BR-S-06',
		'allowances',
		[['remove', '/Invoice[1]/cac:AllowanceCharge[2]/cac:TaxCategory[1]/cbc:Percent[1]']]
	]
];

export const EDITS: readonly Entry[] = [...HAND_MADE, ...SEARCHED];
