/**
 * The seller's name as it may appear in an e-mail's From display name. The client chooses it, so
 * a device could claim to be "PayPal Security <security@paypal.com>". The relay removes
 * address-like text, refuses what still looks like an address or could change meaning in a mail
 * client, and always marks the result as sent through the relay.
 *
 * The app checks a name with these rules before it sends, the relay again when it receives.
 */

export const RELAY_MARK = 'via Billfold';

// Bracketed addresses, e-mail addresses and URLs: what a spoofer puts after a plausible name.
const ADDRESS_LIKE = [
	/<[^>]*>?/g,
	/[^\s<>()[\]"',;]*@[^\s<>()[\]"',;]*/g,
	/\b[a-z][a-z0-9+.-]*:\/\/\S*/gi
];

// Country-code TLDs (any two letters) and the generic ones phishing uses most.
const DOMAIN_LIKE =
	/(^|[^\p{L}\p{N}_-])[\p{L}\p{N}_-]+(\.[\p{L}\p{N}_-]+)*\.([a-z]{2}|com|net|org|info|biz|app|dev|shop|online|site|xyz|top|club|store|tech|cloud|email|link|live|support|services|security|bank|pay)(?![\p{L}\p{N}_-])/iu;

/**
 * C0/C1 controls and line separators (header injection), bidirectional overrides and isolates
 * (a name that renders reversed), zero-width characters, quotes and backslashes.
 */
const UNSAFE_CHARACTERS = /[\p{Cc}\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"\\]/u;

/** Removes address-like text and the separators it leaves behind. */
export function stripAddressLike(name: string): string {
	let result = name;
	for (const pattern of ADDRESS_LIKE) result = result.replace(pattern, ' ');
	return result
		.replace(/\(\s*\)|\[\s*\]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^[\s,;:|/-]+|[\s,;:|/-]+$/g, '');
}

/** Why the name cannot be a display name, or undefined when it can. */
export function senderNameProblem(name: string): string | undefined {
	if (UNSAFE_CHARACTERS.test(name))
		return 'must not contain control characters, quotes, backslashes or direction overrides';
	if (name.includes('=?')) return 'must not contain MIME encoded words ("=?")';
	const stripped = stripAddressLike(name);
	if (stripped === '') return 'must be a name, not an e-mail address';
	if (/[<>@]/.test(stripped) || DOMAIN_LIKE.test(stripped))
		return 'must be a name, not something that looks like an e-mail or web address';
	return undefined;
}

/** The From display name: "Atelier Peeters via Billfold". Call only on a name that passed. */
export function fromDisplayName(name: string): string {
	return `${stripAddressLike(name)} ${RELAY_MARK}`;
}
