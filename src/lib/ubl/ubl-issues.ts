/** What toUbl reports: warnings travel with the XML, errors stop it. */

export type UblWarningCode =
	/** A user attachment has a type Peppol refuses (e.g. .docx); it was not embedded. */
	| 'attachment-refused'
	/** No bytes were supplied for an attachment the document lists; it was not embedded. */
	| 'attachment-missing'
	/** The XML exceeds what many access points accept. */
	| 'message-too-large'
	/** The buyer has no Peppol address; BT-49 carries the seller's own address instead. */
	| 'buyer-not-on-peppol'
	/** A character XML 1.0 cannot carry (a control character) was removed from a text. */
	| 'invalid-xml-character';

export interface UblWarning {
	code: UblWarningCode;
	/** Document field the warning is about, e.g. "attachments.1" or "buyer.name". */
	path: string;
	message: string;
}

export interface UblErrorIssue {
	/** Document field, e.g. "buyer.vatNumber". */
	path: string;
	/** The EN 16931 / Peppol rule the document would break, e.g. "BR-AE-02". */
	rule: string;
	message: string;
}

/** The document cannot become a valid Peppol BIS document; every reason is listed. */
export class UblError extends Error {
	constructor(readonly issues: readonly UblErrorIssue[]) {
		super(
			`cannot build UBL: ${issues.map((issue) => `${issue.path}: ${issue.message} (${issue.rule})`).join('; ')}`
		);
		this.name = 'UblError';
	}
}
