import { formatNumericDate } from '$lib/dates';

/** Formatting locale of each label language. */
export const LOCALE: Readonly<Record<Language, string>> = {
	nl: 'nl-BE',
	fr: 'fr-BE',
	en: 'en',
	de: 'de'
};

/** Every fixed word printed on an invoice, per language. */
export interface InvoiceLabels {
	invoice: string;
	creditNote: string;
	quote: string;
	/** A quote's issue date. */
	quoteDate: string;
	/** A quote's validity date, where an invoice prints its due date. */
	validUntil: string;
	/** On an invoice made from a quote. */
	quoteReference: string;
	/** Printed on a quote when the seller wrote no acceptance terms of their own. */
	acceptanceTerms: string;
	seller: string;
	buyer: string;
	number: string;
	issueDate: string;
	deliveryDate: string;
	dueDate: string;
	buyerVatNumber: string;
	buyerReference: string;
	orderReference: string;
	correctsInvoice: string;
	description: string;
	quantity: string;
	unitPrice: string;
	discount: string;
	vat: string;
	amount: string;
	vatSummary: string;
	vatRate: string;
	taxableAmount: string;
	vatAmount: string;
	subtotal: string;
	cashDiscountAllowance: string;
	cashDiscountCharge: string;
	totalExclVat: string;
	totalVat: string;
	totalInclVat: string;
	prepaid: string;
	amountDue: string;
	amountToRefund: string;
	payment: string;
	iban: string;
	bic: string;
	structuredReference: string;
	reference: string;
	scanToPay: string;
	vatNumber: string;
	enterpriseNumber: string;
	continued: string;
	pageNumber: string;
}

export const LABELS: Readonly<Record<Language, InvoiceLabels>> = {
	nl: {
		invoice: 'Factuur',
		creditNote: 'Creditnota',
		quote: 'Offerte',
		quoteDate: 'Offertedatum',
		validUntil: 'Geldig tot',
		quoteReference: 'Offerte',
		acceptanceTerms:
			'Deze offerte is geldig tot de vermelde datum. Voor akkoord stuurt u ze ondertekend terug of bevestigt u per e-mail; na aanvaarding volgt de factuur.',
		seller: 'Leverancier',
		buyer: 'Klant',
		number: 'Nummer',
		issueDate: 'Factuurdatum',
		deliveryDate: 'Leverdatum',
		dueDate: 'Vervaldatum',
		buyerVatNumber: 'Btw-nummer klant',
		buyerReference: 'Uw referentie',
		orderReference: 'Bestelling',
		correctsInvoice: 'Betreft factuur',
		description: 'Omschrijving',
		quantity: 'Aantal',
		unitPrice: 'Eenheidsprijs',
		discount: 'Korting',
		vat: 'Btw',
		amount: 'Bedrag',
		vatSummary: 'Btw-overzicht',
		vatRate: 'Tarief',
		taxableAmount: 'Maatstaf van heffing',
		vatAmount: 'Btw',
		subtotal: 'Subtotaal',
		cashDiscountAllowance: 'Korting voor contante betaling',
		cashDiscountCharge: 'Compensatie korting contante betaling',
		totalExclVat: 'Totaal excl. btw',
		totalVat: 'Btw',
		totalInclVat: 'Totaal incl. btw',
		prepaid: 'Reeds betaald',
		amountDue: 'Te betalen',
		amountToRefund: 'Terug te betalen',
		payment: 'Betaling',
		iban: 'IBAN',
		bic: 'BIC',
		structuredReference: 'Mededeling',
		reference: 'Referentie',
		scanToPay: 'Scan om te betalen',
		vatNumber: 'Btw',
		enterpriseNumber: 'Ondernemingsnr.',
		continued: '{title} {number} (vervolg)',
		pageNumber: 'Pagina {page}/{pages}'
	},
	fr: {
		invoice: 'Facture',
		creditNote: 'Note de crédit',
		quote: 'Devis',
		quoteDate: 'Date du devis',
		validUntil: "Valable jusqu'au",
		quoteReference: 'Devis',
		acceptanceTerms:
			"Ce devis est valable jusqu'\u00e0 la date indiqu\u00e9e. Pour accord, renvoyez-le sign\u00e9 ou confirmez par e-mail ; la facture suit l'acceptation.",
		seller: 'Fournisseur',
		buyer: 'Client',
		number: 'Numéro',
		issueDate: 'Date de facture',
		deliveryDate: 'Date de livraison',
		dueDate: "Date d'échéance",
		buyerVatNumber: 'N° TVA client',
		buyerReference: 'Votre référence',
		orderReference: 'Commande',
		correctsInvoice: 'Concerne la facture',
		description: 'Description',
		quantity: 'Quantité',
		unitPrice: 'Prix unitaire',
		discount: 'Remise',
		vat: 'TVA',
		amount: 'Montant',
		vatSummary: 'Récapitulatif TVA',
		vatRate: 'Taux',
		taxableAmount: "Base d'imposition",
		vatAmount: 'TVA',
		subtotal: 'Sous-total',
		cashDiscountAllowance: 'Escompte pour paiement comptant',
		cashDiscountCharge: "Compensation de l'escompte",
		totalExclVat: 'Total HTVA',
		totalVat: 'TVA',
		totalInclVat: 'Total TVAC',
		prepaid: 'Déjà payé',
		amountDue: 'À payer',
		amountToRefund: 'À rembourser',
		payment: 'Paiement',
		iban: 'IBAN',
		bic: 'BIC',
		structuredReference: 'Communication',
		reference: 'Référence',
		scanToPay: 'Scannez pour payer',
		vatNumber: 'TVA',
		enterpriseNumber: "N° d'entreprise",
		continued: '{title} {number} (suite)',
		pageNumber: 'Page {page}/{pages}'
	},
	en: {
		invoice: 'Invoice',
		creditNote: 'Credit note',
		quote: 'Quote',
		quoteDate: 'Quote date',
		validUntil: 'Valid until',
		quoteReference: 'Quote',
		acceptanceTerms:
			'This quote is valid until the date shown. To accept it, return it signed or confirm by e-mail; the invoice follows acceptance.',
		seller: 'Supplier',
		buyer: 'Customer',
		number: 'Number',
		issueDate: 'Invoice date',
		deliveryDate: 'Delivery date',
		dueDate: 'Due date',
		buyerVatNumber: 'Customer VAT number',
		buyerReference: 'Your reference',
		orderReference: 'Order',
		correctsInvoice: 'Corrects invoice',
		description: 'Description',
		quantity: 'Quantity',
		unitPrice: 'Unit price',
		discount: 'Discount',
		vat: 'VAT',
		amount: 'Amount',
		vatSummary: 'VAT summary',
		vatRate: 'Rate',
		taxableAmount: 'Taxable amount',
		vatAmount: 'VAT',
		subtotal: 'Subtotal',
		cashDiscountAllowance: 'Cash discount',
		cashDiscountCharge: 'Cash discount compensation',
		totalExclVat: 'Total excl. VAT',
		totalVat: 'VAT',
		totalInclVat: 'Total incl. VAT',
		prepaid: 'Already paid',
		amountDue: 'Amount due',
		amountToRefund: 'Amount to refund',
		payment: 'Payment',
		iban: 'IBAN',
		bic: 'BIC',
		structuredReference: 'Structured reference',
		reference: 'Reference',
		scanToPay: 'Scan to pay',
		vatNumber: 'VAT',
		enterpriseNumber: 'Company no.',
		continued: '{title} {number} (continued)',
		pageNumber: 'Page {page}/{pages}'
	},
	de: {
		invoice: 'Rechnung',
		creditNote: 'Gutschrift',
		quote: 'Angebot',
		quoteDate: 'Angebotsdatum',
		validUntil: 'G\u00fcltig bis',
		quoteReference: 'Angebot',
		acceptanceTerms:
			'Dieses Angebot gilt bis zum angegebenen Datum. Zur Annahme senden Sie es unterschrieben zur\u00fcck oder best\u00e4tigen es per E-Mail; die Rechnung folgt nach Annahme.',
		seller: 'Lieferant',
		buyer: 'Kunde',
		number: 'Nummer',
		issueDate: 'Rechnungsdatum',
		deliveryDate: 'Lieferdatum',
		dueDate: 'Fälligkeitsdatum',
		buyerVatNumber: 'USt-IdNr. Kunde',
		buyerReference: 'Ihre Referenz',
		orderReference: 'Bestellung',
		correctsInvoice: 'Betrifft Rechnung',
		description: 'Beschreibung',
		quantity: 'Menge',
		unitPrice: 'Einzelpreis',
		discount: 'Rabatt',
		vat: 'MwSt.',
		amount: 'Betrag',
		vatSummary: 'MwSt.-Übersicht',
		vatRate: 'Satz',
		taxableAmount: 'Bemessungsgrundlage',
		vatAmount: 'MwSt.',
		subtotal: 'Zwischensumme',
		cashDiscountAllowance: 'Skonto',
		cashDiscountCharge: 'Ausgleich Skonto',
		totalExclVat: 'Summe netto',
		totalVat: 'MwSt.',
		totalInclVat: 'Summe brutto',
		prepaid: 'Bereits bezahlt',
		amountDue: 'Zu zahlen',
		amountToRefund: 'Zu erstatten',
		payment: 'Zahlung',
		iban: 'IBAN',
		bic: 'BIC',
		structuredReference: 'Strukturierte Mitteilung',
		reference: 'Referenz',
		scanToPay: 'Zum Bezahlen scannen',
		vatNumber: 'MwSt.',
		enterpriseNumber: 'Unternehmensnr.',
		continued: '{title} {number} (Fortsetzung)',
		pageNumber: 'Seite {page}/{pages}'
	}
};

export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
	return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

const MONTHS_EN = [
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec'
];

/** "31/05/2026" (nl, fr), "31.05.2026" (de), "31 May 2026" (en, unambiguous either side of the Atlantic). */
export function formatInvoiceDate(date: string, language: Language): string {
	if (language !== 'en') return formatNumericDate(date, LOCALE[language]);
	// Written out: no Intl locale writes "3 Sep 2026" (en-GB abbreviates "Sept", en-US puts the month first).
	const [year, month, day] = date.split('-');
	return `${Number(day)} ${MONTHS_EN[Number(month) - 1] ?? month} ${year}`;
}
import type { Language } from '$lib/language';
