/** A unit's name in a picker ("hour") and its symbol after a quantity on a document ("h"). */
interface UnitWords {
	name: Readonly<Record<Language, string>>;
	symbol: Readonly<Record<Language, string>>;
}

const same = (text: string): Readonly<Record<Language, string>> => ({
	nl: text,
	fr: text,
	en: text,
	de: text
});

/**
 * The UN/ECE Recommendation 20 units a sole trader invoices in, in picker order. The one list:
 * the item form, the line editor and the PDF read their words here; the UBL carries the code.
 */
const UNIT_WORDS = {
	H87: {
		name: { nl: 'stuk', fr: 'pièce', en: 'piece', de: 'Stück' },
		symbol: { nl: 'st.', fr: 'pc.', en: 'pcs', de: 'Stk.' }
	},
	C62: {
		name: { nl: 'eenheid', fr: 'unité', en: 'unit', de: 'Einheit' },
		symbol: { nl: 'eenh.', fr: 'u.', en: 'unit', de: 'Einh.' }
	},
	HUR: {
		name: { nl: 'uur', fr: 'heure', en: 'hour', de: 'Stunde' },
		symbol: { nl: 'u', fr: 'h', en: 'h', de: 'Std.' }
	},
	MIN: {
		name: { nl: 'minuut', fr: 'minute', en: 'minute', de: 'Minute' },
		symbol: { nl: 'min', fr: 'min', en: 'min', de: 'Min.' }
	},
	DAY: {
		name: { nl: 'dag', fr: 'jour', en: 'day', de: 'Tag' },
		symbol: { nl: 'dag', fr: 'jour', en: 'day', de: 'Tag' }
	},
	WEE: {
		name: { nl: 'week', fr: 'semaine', en: 'week', de: 'Woche' },
		symbol: { nl: 'week', fr: 'sem.', en: 'wk', de: 'Woche' }
	},
	MON: {
		name: { nl: 'maand', fr: 'mois', en: 'month', de: 'Monat' },
		symbol: { nl: 'maand', fr: 'mois', en: 'month', de: 'Monat' }
	},
	ANN: {
		name: { nl: 'jaar', fr: 'année', en: 'year', de: 'Jahr' },
		symbol: { nl: 'jaar', fr: 'an', en: 'yr', de: 'Jahr' }
	},
	KMT: {
		name: { nl: 'kilometer', fr: 'kilomètre', en: 'kilometre', de: 'Kilometer' },
		symbol: same('km')
	},
	MTR: { name: { nl: 'meter', fr: 'mètre', en: 'metre', de: 'Meter' }, symbol: same('m') },
	MTK: {
		name: { nl: 'vierkante meter', fr: 'mètre carré', en: 'square metre', de: 'Quadratmeter' },
		symbol: same('m²')
	},
	MTQ: {
		name: { nl: 'kubieke meter', fr: 'mètre cube', en: 'cubic metre', de: 'Kubikmeter' },
		symbol: same('m³')
	},
	KGM: {
		name: { nl: 'kilogram', fr: 'kilogramme', en: 'kilogram', de: 'Kilogramm' },
		symbol: same('kg')
	},
	LTR: { name: { nl: 'liter', fr: 'litre', en: 'litre', de: 'Liter' }, symbol: same('l') },
	KWH: {
		name: { nl: 'kilowattuur', fr: 'kilowattheure', en: 'kilowatt hour', de: 'Kilowattstunde' },
		symbol: same('kWh')
	},
	SET: {
		name: { nl: 'set', fr: 'ensemble', en: 'set', de: 'Satz' },
		symbol: { nl: 'set', fr: 'ens.', en: 'set', de: 'Satz' }
	},
	PR: {
		name: { nl: 'paar', fr: 'paire', en: 'pair', de: 'Paar' },
		symbol: { nl: 'paar', fr: 'paire', en: 'pair', de: 'Paar' }
	},
	LS: {
		name: { nl: 'forfait', fr: 'forfait', en: 'lump sum', de: 'Pauschale' },
		symbol: { nl: 'forfait', fr: 'forfait', en: 'lump sum', de: 'pauschal' }
	}
} as const satisfies Record<string, UnitWords>;

export type UnitCode = keyof typeof UNIT_WORDS;
export const UNIT_CODES = Object.keys(UNIT_WORDS) as UnitCode[];

/** A rec. 20 code as the UBL and the schemas accept it (an imported line may use any). */
export const UNIT_CODE_PATTERN = /^[A-Z0-9]{2,3}$/;

export function isListedUnit(code: string): code is UnitCode {
	return Object.hasOwn(UNIT_WORDS, code);
}

/** "piece", "uur"; a code outside the list shows as the code itself. */
export function unitName(code: string, language: Language): string {
	return isListedUnit(code) ? UNIT_WORDS[code].name[language] : code;
}

/** "pcs", "u" after a quantity; a code outside the list prints as the code itself. */
export function unitSymbol(code: string, language: Language): string {
	return isListedUnit(code) ? UNIT_WORDS[code].symbol[language] : code;
}

/** The picker's options: every listed unit, plus the current code when it is not listed. */
export function unitOptions(current: string, language: Language): { code: string; name: string }[] {
	const codes: string[] =
		isListedUnit(current) || current === '' ? UNIT_CODES : [...UNIT_CODES, current];
	return codes.map((code) => ({ code, name: unitName(code, language) }));
}
import type { Language } from '$lib/language';
