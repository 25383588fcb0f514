export {
	isListedUnit,
	UNIT_CODE_PATTERN,
	UNIT_CODES,
	unitName,
	unitOptions,
	unitSymbol,
	type UnitCode
} from './units';
