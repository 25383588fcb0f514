export interface RuleParams {
	value?: string;
	code?: string;
}

interface RuleMessage {
	severity: 'error' | 'warning';
	text: (params: RuleParams) => LocalizedText;
}

const LANGUAGE_NAMES = {
	nl: { nl: 'Nederlands', fr: 'Frans', de: 'Duits', 'nl/fr': 'Nederlands of Frans' },
	fr: { nl: 'néerlandais', fr: 'français', de: 'allemand', 'nl/fr': 'néerlandais ou en français' },
	en: { nl: 'Dutch', fr: 'French', de: 'German', 'nl/fr': 'Dutch or French' },
	de: {
		nl: 'Niederländisch',
		fr: 'Französisch',
		de: 'Deutsch',
		'nl/fr': 'Niederländisch oder Französisch'
	}
} as const;

const error = (text: RuleMessage['text']): RuleMessage => ({ severity: 'error', text });
const warning = (text: RuleMessage['text']): RuleMessage => ({ severity: 'warning', text });

/** Every rule a check can report, with its message in the four UI languages. */
export const MESSAGES = {
	'BR-06': error(() => ({
		nl: 'De naam van de verkoper ontbreekt.',
		fr: 'Le nom du vendeur est manquant.',
		en: 'The seller name is missing.',
		de: 'Der Name des Verkäufers fehlt.'
	})),
	'BE-SELLER-LEGAL-FORM': error(() => ({
		nl: 'De rechtsvorm van de verkoper ontbreekt (bv. eenmanszaak).',
		fr: 'La forme juridique du vendeur est manquante (p. ex. entreprise individuelle).',
		en: 'The seller legal form is missing (e.g. sole proprietorship).',
		de: 'Die Rechtsform des Verkäufers fehlt (z. B. Einzelunternehmen).'
	})),
	'BR-08': error(() => ({
		nl: 'Het adres is onvolledig: straat, postcode, gemeente en land zijn verplicht.',
		fr: "L'adresse est incomplète : rue, code postal, localité et pays sont obligatoires.",
		en: 'The address is incomplete: street, postal code, city and country are required.',
		de: 'Die Adresse ist unvollständig: Straße, Postleitzahl, Ort und Land sind erforderlich.'
	})),
	'BE-ENTERPRISE-NUMBER-MISSING': error(() => ({
		nl: 'Het ondernemingsnummer (KBO) ontbreekt; het moet op elke factuur staan.',
		fr: "Le numéro d'entreprise (BCE) est manquant ; il doit figurer sur chaque facture.",
		en: 'The enterprise number (KBO/BCE) is missing; every invoice must show it.',
		de: 'Die Unternehmensnummer (ZDU) fehlt; sie muss auf jeder Rechnung stehen.'
	})),
	'PEPPOL-COMMON-R043': error(({ value }) => ({
		nl: `Ondernemingsnummer ${value} is ongeldig (10 cijfers, controle modulo 97).`,
		fr: `Le numéro d'entreprise ${value} est invalide (10 chiffres, contrôle modulo 97).`,
		en: `Enterprise number ${value} is invalid (10 digits, modulo 97 check).`,
		de: `Die Unternehmensnummer ${value} ist ungültig (10 Ziffern, Modulo-97-Prüfung).`
	})),
	'BE-SELLER-VAT-MISSING': error(() => ({
		nl: 'Het btw-nummer van de verkoper ontbreekt (of kies de vrijstellingsregeling kleine ondernemingen).',
		fr: 'Le numéro de TVA du vendeur est manquant (ou choisissez la franchise des petites entreprises).',
		en: 'The seller VAT number is missing (or choose the small-business exemption scheme).',
		de: 'Die USt-IdNr. des Verkäufers fehlt (oder wählen Sie die Kleinunternehmerregelung).'
	})),
	'BE-VAT-NUMBER-INVALID': error(({ value }) => ({
		nl: `Btw-nummer ${value} heeft geen geldig formaat of controlegetal.`,
		fr: `Le numéro de TVA ${value} n'a pas un format ou un chiffre de contrôle valide.`,
		en: `VAT number ${value} does not have a valid format or check digits.`,
		de: `Die USt-IdNr. ${value} hat kein gültiges Format oder keine gültige Prüfziffer.`
	})),
	'BE-SELLER-VAT-MISMATCH': error(() => ({
		nl: 'Het Belgische btw-nummer moet "BE" gevolgd door het ondernemingsnummer zijn.',
		fr: "Le numéro de TVA belge doit être « BE » suivi du numéro d'entreprise.",
		en: 'The Belgian VAT number must be "BE" followed by the enterprise number.',
		de: 'Die belgische USt-IdNr. muss "BE" gefolgt von der Unternehmensnummer sein.'
	})),
	'BE-IBAN-MISSING': error(() => ({
		nl: 'Een rekeningnummer (IBAN) is verplicht op de factuur.',
		fr: 'Un numéro de compte (IBAN) est obligatoire sur la facture.',
		en: 'A bank account (IBAN) is required on the invoice.',
		de: 'Eine Kontonummer (IBAN) ist auf der Rechnung erforderlich.'
	})),
	'BE-IBAN-INVALID': error(({ value }) => ({
		nl: `IBAN ${value} is ongeldig.`,
		fr: `L'IBAN ${value} est invalide.`,
		en: `IBAN ${value} is invalid.`,
		de: `Die IBAN ${value} ist ungültig.`
	})),
	'BE-BIC-MISSING': error(() => ({
		nl: 'De BIC van de bank ontbreekt.',
		fr: 'Le BIC de la banque est manquant.',
		en: 'The bank BIC is missing.',
		de: 'Die BIC der Bank fehlt.'
	})),
	'BE-BIC-INVALID': error(({ value }) => ({
		nl: `BIC ${value} is ongeldig.`,
		fr: `Le BIC ${value} est invalide.`,
		en: `BIC ${value} is invalid.`,
		de: `Die BIC ${value} ist ungültig.`
	})),
	'BE-EMAIL-INVALID': error(() => ({
		nl: 'Een geldig e-mailadres is verplicht.',
		fr: 'Une adresse e-mail valide est obligatoire.',
		en: 'A valid e-mail address is required.',
		de: 'Eine gültige E-Mail-Adresse ist erforderlich.'
	})),
	'BR-10': error(() => ({
		nl: 'Het adres van de klant is onvolledig: straat, postcode, gemeente en land zijn verplicht.',
		fr: "L'adresse du client est incomplète : rue, code postal, localité et pays sont obligatoires.",
		en: 'The buyer address is incomplete: street, postal code, city and country are required.',
		de: 'Die Adresse des Kunden ist unvollständig: Straße, Postleitzahl, Ort und Land sind erforderlich.'
	})),
	'BR-07': error(() => ({
		nl: 'De naam van de klant ontbreekt.',
		fr: 'Le nom du client est manquant.',
		en: 'The buyer name is missing.',
		de: 'Der Name des Kunden fehlt.'
	})),
	'BR-AE-02': error(() => ({
		nl: 'Bij verlegging van heffing is het btw-nummer van de klant verplicht.',
		fr: "En cas d'autoliquidation, le numéro de TVA du client est obligatoire.",
		en: 'Reverse charge requires the buyer VAT number.',
		de: 'Bei Umkehrung der Steuerschuldnerschaft ist die USt-IdNr. des Kunden erforderlich.'
	})),
	'BR-IC-02': error(() => ({
		nl: 'Een intracommunautaire levering vereist het btw-nummer van de klant.',
		fr: 'Une livraison intracommunautaire exige le numéro de TVA du client.',
		en: 'An intra-Community supply requires the buyer VAT number.',
		de: 'Eine innergemeinschaftliche Lieferung erfordert die USt-IdNr. des Kunden.'
	})),
	'BE-IC-BUYER-NOT-EU': error(() => ({
		nl: 'Een intracommunautaire levering vereist een klant met een btw-nummer uit een andere EU-lidstaat.',
		fr: "Une livraison intracommunautaire exige un client identifié à la TVA dans un autre État membre de l'UE.",
		en: 'An intra-Community supply requires a buyer with a VAT number from another EU member state.',
		de: 'Eine innergemeinschaftliche Lieferung erfordert einen Kunden mit USt-IdNr. aus einem anderen EU-Mitgliedstaat.'
	})),
	'BR-IC-11': error(() => ({
		nl: 'Een intracommunautaire levering vereist een leveringsdatum.',
		fr: 'Une livraison intracommunautaire exige une date de livraison.',
		en: 'An intra-Community supply requires a delivery date.',
		de: 'Eine innergemeinschaftliche Lieferung erfordert ein Lieferdatum.'
	})),
	'BR-O-02': error(() => ({
		nl: 'Buiten het toepassingsgebied van de btw mag de factuur geen btw-nummer van verkoper of klant vermelden.',
		fr: 'Hors champ de la TVA, la facture ne peut mentionner aucun numéro de TVA du vendeur ou du client.',
		en: 'Outside the scope of VAT, the invoice must not carry a seller or buyer VAT number.',
		de: 'Außerhalb des Anwendungsbereichs der MwSt. darf die Rechnung keine USt-IdNr. von Verkäufer oder Kunde enthalten.'
	})),
	'BR-O-11': error(() => ({
		nl: '"Buiten toepassingsgebied" kan niet met andere btw-codes op één factuur.',
		fr: '« Hors champ » ne peut pas être combiné avec d’autres codes TVA sur une même facture.',
		en: '"Outside the scope of VAT" cannot be combined with other VAT codes on one invoice.',
		de: '"Nicht steuerbar" kann nicht mit anderen MwSt.-Codes auf einer Rechnung kombiniert werden.'
	})),
	'BE-SMALL-BUSINESS-CODE': error(({ code }) => ({
		nl: `Een verkoper onder de vrijstellingsregeling kleine ondernemingen rekent geen btw aan: gebruik de code van die regeling, niet "${code}".`,
		fr: `Un vendeur sous la franchise des petites entreprises ne facture pas de TVA : utilisez le code de ce régime, pas « ${code} ».`,
		en: `A seller under the small-business exemption charges no VAT: use that scheme's code, not "${code}".`,
		de: `Ein Verkäufer unter der Kleinunternehmerregelung berechnet keine MwSt.: Verwenden Sie deren Code, nicht "${code}".`
	})),
	'BE-SMALL-BUSINESS-NOT-ELIGIBLE': error(({ code }) => ({
		nl: `Code "${code}" is enkel voor verkopers onder de vrijstellingsregeling kleine ondernemingen.`,
		fr: `Le code « ${code} » est réservé aux vendeurs sous la franchise des petites entreprises.`,
		en: `Code "${code}" is only for sellers under the small-business exemption scheme.`,
		de: `Der Code "${code}" gilt nur für Verkäufer unter der Kleinunternehmerregelung.`
	})),
	'BE-UNKNOWN-VAT-CODE': error(({ code }) => ({
		nl: `Onbekende btw-code "${code}".`,
		fr: `Code TVA inconnu « ${code} ».`,
		en: `Unknown VAT code "${code}".`,
		de: `Unbekannter MwSt.-Code "${code}".`
	})),
	'PEPPOL-EN16931-R003': error(() => ({
		nl: 'Vul een referentie van de klant of een bestelreferentie in (verplicht voor Peppol).',
		fr: 'Indiquez une référence client ou une référence de commande (obligatoire pour Peppol).',
		en: 'Enter a buyer reference or an order reference (required by Peppol).',
		de: 'Geben Sie eine Käuferreferenz oder eine Bestellreferenz an (für Peppol erforderlich).'
	})),
	'BR-16': error(() => ({
		nl: 'De factuur heeft minstens één lijn met een prijs nodig.',
		fr: 'La facture doit contenir au moins une ligne avec un prix.',
		en: 'The invoice needs at least one line with a price.',
		de: 'Die Rechnung braucht mindestens eine Position mit Preis.'
	})),
	'BR-CO-25': error(() => ({
		nl: 'Een te betalen bedrag vereist een vervaldatum of betalingsvoorwaarden.',
		fr: "Un montant à payer exige une date d'échéance ou des conditions de paiement.",
		en: 'An amount due requires a due date or payment terms.',
		de: 'Ein fälliger Betrag erfordert ein Fälligkeitsdatum oder Zahlungsbedingungen.'
	})),
	'BE-OGM-INVALID': error(({ value }) => ({
		nl: `Gestructureerde mededeling ${value} is ongeldig (controle modulo 97).`,
		fr: `La communication structurée ${value} est invalide (contrôle modulo 97).`,
		en: `Structured communication ${value} is invalid (modulo 97 check).`,
		de: `Die strukturierte Mitteilung ${value} ist ungültig (Modulo-97-Prüfung).`
	})),
	'BE-CREDIT-NOTE-REFERENCE': error(() => ({
		nl: 'Een creditnota moet verwijzen naar de factuur die ze corrigeert.',
		fr: 'Une note de crédit doit faire référence à la facture qu’elle corrige.',
		en: 'A credit note must reference the invoice it corrects.',
		de: 'Eine Gutschrift muss auf die Rechnung verweisen, die sie korrigiert.'
	})),
	'PEPPOL-EN16931-R010': warning(() => ({
		nl: 'De klant heeft geen Peppol-adres (ondernemingsnummer, btw-nummer of Peppol-id); versturen via Peppol is niet mogelijk.',
		fr: "Le client n'a pas d'adresse Peppol (numéro d'entreprise, de TVA ou identifiant Peppol) ; l'envoi via Peppol est impossible.",
		en: 'The buyer has no Peppol address (enterprise number, VAT number or Peppol id); it cannot be sent over Peppol.',
		de: 'Der Kunde hat keine Peppol-Adresse (Unternehmensnummer, USt-IdNr. oder Peppol-ID); ein Versand über Peppol ist nicht möglich.'
	})),
	'BE-PEPPOL-ID-INVALID': error(({ value }) => ({
		nl: `Peppol-id ${value} is ongeldig.`,
		fr: `L'identifiant Peppol ${value} est invalide.`,
		en: `Peppol id ${value} is invalid.`,
		de: `Die Peppol-ID ${value} ist ungültig.`
	})),
	'BE-INVOICE-LANGUAGE': warning(({ value }) => {
		const name = (language: keyof typeof LANGUAGE_NAMES) =>
			LANGUAGE_NAMES[language][value as keyof (typeof LANGUAGE_NAMES)['nl']] ?? value ?? '';
		return {
			nl: `De exploitatiezetel ligt in een gebied waar de taalwetgeving facturen in het ${name('nl')} vereist.`,
			fr: `Le siège d'exploitation se trouve dans une région où la législation linguistique impose des factures en ${name('fr')}.`,
			en: `The operating seat is in a region whose language law requires invoices in ${name('en')}.`,
			de: `Der Betriebssitz liegt in einem Gebiet, dessen Sprachgesetzgebung Rechnungen auf ${name('de')} verlangt.`
		};
	}),
	'BE-ISSUE-DEADLINE': warning(({ value }) => ({
		nl: `Een factuur moet uiterlijk op ${value} uitgereikt zijn (15e van de maand na de levering).`,
		fr: `La facture doit être émise au plus tard le ${value} (le 15 du mois suivant la livraison).`,
		en: `The invoice had to be issued by ${value} (the 15th of the month after delivery).`,
		de: `Die Rechnung musste bis zum ${value} ausgestellt werden (15. des Monats nach der Lieferung).`
	}))
} satisfies Record<string, RuleMessage>;

export type RuleId = keyof typeof MESSAGES;
import type { LocalizedText } from '$lib/language';
