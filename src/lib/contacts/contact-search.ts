import type { Contact } from './contact';

/** Text a search matches: name, contact person, VAT and enterprise number, e-mail, city, reference. */
export function contactMatches(contact: Contact, query: string): boolean {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return true;
	const haystack = [
		contact.name,
		contact.contactName,
		contact.vatNumber,
		contact.enterpriseNumber,
		contact.email,
		contact.address.city,
		contact.address.postalCode,
		contact.customerReference
	]
		.filter(Boolean)
		.join(' ')
		.toLowerCase();
	const compact = haystack.replace(/[\s.]/g, '');
	return words.every(
		(word) => haystack.includes(word) || compact.includes(word.replace(/\./g, ''))
	);
}
