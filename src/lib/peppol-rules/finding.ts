/** Where a finding comes from: XML well-formedness, the UBL 2.1 XSD, or one of the two rule sets. */
export type Ruleset = 'xml' | 'xsd' | 'cen' | 'peppol';

export interface Finding {
	ruleset: Ruleset;
	/** the rule id, e.g. 'BR-CO-16', 'PEPPOL-EN16931-R008', 'XSD', 'XML-WELLFORMED' */
	id: string;
	flag: 'fatal' | 'warning';
	/** an XPath-like location, e.g. '/Invoice[1]/cac:LegalMonetaryTotal[1]' */
	location: string;
	message: string;
	/** the Schematron test that failed (cen and peppol findings) */
	test?: string;
	/** the line number (xml and xsd findings) */
	line?: number;
	/** true when the test raised an XPath dynamic error instead of returning false */
	evaluationError?: boolean;
}

export interface ValidationResult {
	fatal: Finding[];
	warnings: Finding[];
	/** the local name of the root element ('Invoice', 'CreditNote', ...); null when not well-formed */
	documentType: string | null;
	wellFormed: boolean;
}

/** `[fatal] BR-CO-16 /Invoice[1]/cac:LegalMonetaryTotal[1]: [BR-CO-16]-Amount due ...` */
export function formatFinding(finding: Finding): string {
	return `[${finding.flag}] ${finding.id} ${finding.location || '/'}: ${finding.message}`;
}
