import type { LocalizedText } from '$lib/language';
import type { VatCode } from './vat-code';

const standard = (id: string, rate: string): VatCode => ({
	id,
	rate,
	category: 'S',
	label: { nl: `Btw ${rate} %`, fr: `TVA ${rate} %`, en: `VAT ${rate}%`, de: `MwSt. ${rate} %` }
});

/** Art. 20 KB nr. 1 as worded since 1 January 2023 (works on immovable property, co-contractor). */
export const CO_CONTRACTOR_MENTION: LocalizedText = {
	nl: 'Verlegging van heffing. Bij gebrek aan schriftelijke betwisting binnen een termijn van één maand na de ontvangst van de factuur, wordt de afnemer geacht te erkennen dat hij een belastingplichtige is gehouden tot de indiening van periodieke aangiften. Als die voorwaarde niet vervuld is, is de afnemer ten aanzien van die voorwaarde aansprakelijk voor de betaling van de verschuldigde belasting, interesten en geldboeten.',
	fr: "Autoliquidation. En l'absence de contestation par écrit, dans un délai d'un mois à compter de la réception de la facture, le client est présumé reconnaître qu'il est un assujetti tenu au dépôt de déclarations périodiques. Si cette condition n'est pas remplie, le client endossera, par rapport à cette condition, la responsabilité quant au paiement de la taxe, des intérêts et des amendes dus.",
	en: 'Reverse charge. In the absence of a written dispute within one month of receipt of the invoice, the customer is deemed to acknowledge that they are a taxable person required to file periodic VAT returns. If that condition is not met, the customer is liable, with respect to that condition, for payment of the tax, interest and fines due.',
	de: 'Umkehrung der Steuerschuldnerschaft. Bei Ausbleiben einer schriftlichen Beanstandung binnen einer Frist von einem Monat nach Empfang der Rechnung wird davon ausgegangen, dass der Kunde anerkennt, dass er ein Steuerpflichtiger ist, der zur Abgabe periodischer Erklärungen verpflichtet ist. Ist diese Bedingung nicht erfüllt, haftet der Kunde hinsichtlich dieser Bedingung für die Zahlung der geschuldeten Steuer, Zinsen und Geldbußen.'
};

/** Mandatory mention of the small-business exemption scheme (art. 56bis WBTW, KB nr. 19). */
export const SMALL_BUSINESS_MENTION: LocalizedText = {
	nl: 'Bijzondere vrijstellingsregeling kleine ondernemingen',
	fr: 'Régime particulier de franchise des petites entreprises',
	en: 'Special exemption scheme for small enterprises',
	de: 'Sonderregelung für Kleinunternehmen (Steuerbefreiung)'
};

const EU_SERVICES_MENTION: LocalizedText = {
	nl: 'Verlegging van heffing – art. 21, § 2 WBTW (art. 196 Richtlijn 2006/112/EG)',
	fr: 'Autoliquidation – art. 21, § 2 CTVA (art. 196 directive 2006/112/CE)',
	en: 'Reverse charge – art. 21, § 2 Belgian VAT Code (art. 196 Directive 2006/112/EC)',
	de: 'Steuerschuldnerschaft des Leistungsempfängers – Art. 21 § 2 belg. MwStGB (Art. 196 Richtlinie 2006/112/EG)'
};

const EU_GOODS_MENTION: LocalizedText = {
	nl: 'Vrijgestelde intracommunautaire levering – art. 39bis WBTW',
	fr: 'Livraison intracommunautaire exonérée – art. 39bis CTVA',
	en: 'Exempt intra-Community supply of goods – art. 39bis Belgian VAT Code',
	de: 'Steuerfreie innergemeinschaftliche Lieferung – Art. 39bis belg. MwStGB'
};

const EXPORT_MENTION: LocalizedText = {
	nl: 'Vrijgesteld – uitvoer, art. 39 WBTW',
	fr: 'Exonéré – exportation, art. 39 CTVA',
	en: 'Exempt – export, art. 39 Belgian VAT Code',
	de: 'Steuerfrei – Ausfuhr, Art. 39 belg. MwStGB'
};

const OUTSIDE_SCOPE_MENTION: LocalizedText = {
	nl: 'Niet onderworpen aan Belgische btw – art. 21, § 2 WBTW',
	fr: 'Non soumis à la TVA belge – art. 21, § 2 CTVA',
	en: 'Not subject to Belgian VAT – art. 21, § 2 Belgian VAT Code',
	de: 'Nicht der belgischen MwSt. unterworfen – Art. 21 § 2 belg. MwStGB'
};

const ART_44_MENTION: LocalizedText = {
	nl: 'Vrijgesteld van btw – art. 44 WBTW',
	fr: 'Exonéré de TVA – art. 44 CTVA',
	en: 'Exempt from VAT – art. 44 Belgian VAT Code',
	de: 'Von der MwSt. befreit – Art. 44 belg. MwStGB'
};

/** Ids of the built-in codes, for code that needs to refer to one (factories, onboarding). */
export const DEFAULT_VAT_CODE_IDS = {
	standard21: 'S21',
	reduced12: 'S12',
	reduced6: 'S6',
	zero: 'Z0',
	smallBusiness: 'E-SMALL-BUSINESS',
	coContractor: 'AE-CO-CONTRACTOR',
	euServices: 'AE-EU-SERVICES',
	euGoods: 'K-EU-GOODS',
	export: 'G-EXPORT',
	outsideScope: 'O-OUTSIDE-SCOPE',
	exemptArt44: 'E-ART44'
} as const;

/** The starting table a new workspace gets; the user may edit, add and retire codes. */
export const defaultVatCodes: readonly VatCode[] = [
	standard(DEFAULT_VAT_CODE_IDS.standard21, '21'),
	standard(DEFAULT_VAT_CODE_IDS.reduced12, '12'),
	standard(DEFAULT_VAT_CODE_IDS.reduced6, '6'),
	{
		id: DEFAULT_VAT_CODE_IDS.zero,
		rate: '0',
		category: 'Z',
		label: { nl: 'Btw 0 %', fr: 'TVA 0 %', en: 'VAT 0%', de: 'MwSt. 0 %' }
	},
	{
		id: DEFAULT_VAT_CODE_IDS.smallBusiness,
		rate: '0',
		category: 'E',
		// Belgium has no VATEX code for the franchise; VATEX-FR-FRANCHISE is French law.
		exemptionReason: SMALL_BUSINESS_MENTION,
		mention: SMALL_BUSINESS_MENTION,
		smallBusinessScheme: true,
		label: {
			nl: 'Vrijstellingsregeling kleine ondernemingen',
			fr: 'Franchise des petites entreprises',
			en: 'Small-business exemption',
			de: 'Kleinunternehmerregelung'
		}
	},
	{
		id: DEFAULT_VAT_CODE_IDS.coContractor,
		rate: '0',
		category: 'AE',
		vatex: 'VATEX-EU-AE',
		exemptionReason: {
			nl: 'Verlegging van heffing',
			fr: 'Autoliquidation',
			en: 'Reverse charge',
			de: 'Umkehrung der Steuerschuldnerschaft'
		},
		mention: CO_CONTRACTOR_MENTION,
		label: {
			nl: 'Medecontractant (verlegging, bouw)',
			fr: 'Cocontractant (autoliquidation, construction)',
			en: 'Co-contractor reverse charge (construction)',
			de: 'Vertragspartner – Umkehrung (Bau)'
		}
	},
	{
		id: DEFAULT_VAT_CODE_IDS.euServices,
		rate: '0',
		category: 'AE',
		vatex: 'VATEX-EU-AE',
		exemptionReason: EU_SERVICES_MENTION,
		mention: EU_SERVICES_MENTION,
		label: {
			nl: 'Intracommunautaire diensten (verlegging)',
			fr: 'Services intracommunautaires (autoliquidation)',
			en: 'Intra-EU services (reverse charge)',
			de: 'Innergemeinschaftliche Dienstleistungen (Reverse Charge)'
		}
	},
	{
		id: DEFAULT_VAT_CODE_IDS.euGoods,
		rate: '0',
		category: 'K',
		vatex: 'VATEX-EU-IC',
		exemptionReason: EU_GOODS_MENTION,
		mention: EU_GOODS_MENTION,
		label: {
			nl: 'Intracommunautaire levering goederen',
			fr: 'Livraison intracommunautaire de biens',
			en: 'Intra-EU supply of goods',
			de: 'Innergemeinschaftliche Lieferung'
		}
	},
	{
		id: DEFAULT_VAT_CODE_IDS.export,
		rate: '0',
		category: 'G',
		vatex: 'VATEX-EU-G',
		exemptionReason: EXPORT_MENTION,
		mention: EXPORT_MENTION,
		label: { nl: 'Uitvoer', fr: 'Exportation', en: 'Export', de: 'Ausfuhr' }
	},
	{
		id: DEFAULT_VAT_CODE_IDS.outsideScope,
		rate: '0',
		category: 'O',
		vatex: 'VATEX-EU-O',
		exemptionReason: OUTSIDE_SCOPE_MENTION,
		mention: OUTSIDE_SCOPE_MENTION,
		label: {
			nl: 'Buiten toepassingsgebied btw',
			fr: 'Hors champ de la TVA',
			en: 'Outside the scope of VAT',
			de: 'Nicht steuerbar'
		}
	},
	{
		id: DEFAULT_VAT_CODE_IDS.exemptArt44,
		rate: '0',
		category: 'E',
		vatex: 'VATEX-EU-132',
		exemptionReason: ART_44_MENTION,
		mention: ART_44_MENTION,
		label: {
			nl: 'Vrijgesteld (art. 44)',
			fr: 'Exonéré (art. 44)',
			en: 'Exempt (art. 44)',
			de: 'Befreit (Art. 44)'
		}
	}
];
