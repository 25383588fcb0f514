export {
	dueOccurrences,
	FREQUENCIES,
	nextOccurrence,
	occurrencesOf,
	scheduleEndSchema,
	scheduleSchema,
	type Frequency,
	type Occurrence,
	type Schedule,
	type ScheduleEnd
} from './schedule';
export { linesForPeriod, PERIOD_PLACEHOLDER, periodText, wantsPeriod } from './period';
export { occurrenceInvoiceId } from './occurrence-id';
export {
	RECURRING_MODES,
	RECURRING_SCHEMA_VERSION,
	recurringTemplateSchema,
	templateProblems,
	type FieldProblem,
	type RecurringMode,
	type RecurringTemplate
} from './template';
export { invoiceFormOf, type OccurrencePlan } from './occurrence-form';
export {
	blankTemplateValues,
	templateFromValues,
	templateValuesSchema,
	valuesOfTemplate,
	type TemplateField,
	type TemplateMeta,
	type TemplateProblem,
	type TemplateRule,
	type TemplateValues
} from './template-values';
export { NUDGE_HORIZON_DAYS, NUDGE_MAX_DATES, upcomingDueDays, type DueDay } from './nudge-dues';
