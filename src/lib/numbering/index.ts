export {
	checkSeries,
	nextInvoiceNumber,
	type IssuedNumber,
	type NextNumber,
	type SeriesProblem
} from './next-number';
export {
	formatInvoiceNumber,
	NumberingError,
	parseInvoiceNumber,
	parsePattern,
	restartsYearly,
	type NumberPattern,
	type ParsedNumber
} from './pattern';
export {
	DEFAULT_NUMBERING,
	DEFAULT_QUOTE_PATTERN,
	numberingSettingsSchema,
	relaySeriesId,
	relaySeriesOfCounter,
	seriesFor,
	type NumberingSettings,
	type Series
} from './series';
