import type { Language, LocalizedText } from '$lib/language';
import { MESSAGES, type RuleId, type RuleParams } from './messages';

/** One legal or Peppol problem; checks collect all of them instead of stopping at the first. */
export interface Issue {
	/** EN 16931 / Peppol rule id where one exists ("BR-AE-02", "PEPPOL-EN16931-R003"), else "BE-…". */
	rule: RuleId;
	/** Dotted path of the field at fault, e.g. "buyer.vatNumber" or "lines.3.vatCodeId". */
	path: string;
	/** Error: the invoice must not be issued or sent. Warning: the user should look at it. */
	severity: 'error' | 'warning';
	/** The message in the language asked for. */
	message: string;
	/** The message in every UI language. */
	messages: LocalizedText;
}

export interface CheckOptions {
	/** Language of `message`; `messages` always holds all four. Default "en". */
	language?: Language;
}

export class IssueList {
	readonly issues: Issue[] = [];
	constructor(private readonly language: Language = 'en') {}

	add(rule: RuleId, path: string, params: RuleParams = {}): void {
		const { severity, text } = MESSAGES[rule];
		const messages = text(params);
		this.issues.push({ rule, path, severity, message: messages[this.language], messages });
	}
}

export function joinPath(base: string, field: string | number): string {
	return base ? `${base}.${field}` : String(field);
}
