export {
	DEFAULT_REMINDER_SETTINGS,
	reminderChargesSchema,
	reminderScheduleSchema,
	reminderSettingsSchema,
	reminderTemplateSchema,
	type ReminderCharges,
	type ReminderSchedule,
	type ReminderSettings
} from './reminder-settings';
export {
	BUSINESS_FLAT_COMPENSATION_CENTS,
	CONSUMER_GRACE_DAYS,
	chargesFor,
	consumerChargeableFrom,
	consumerDamagesCapCents,
	daysOverdue,
	reminderRuleFor,
	type ChargeInput,
	type ReminderRule,
	type StatedCharges
} from './legal-rule';
export {
	LATE_PAYMENT_RATES,
	lateInterest,
	rateOn,
	type HalfYearRate,
	type InterestResult
} from './late-interest-rates';
export {
	nextReminder,
	remindersDue,
	type DueReminder,
	type ReminderCandidate
} from './due-reminders';
export {
	chargeLines,
	DEFAULT_REMINDER_TEMPLATE,
	fillReminderTemplate,
	REMINDER_PLACEHOLDERS,
	RULE_TEXT,
	totalLabel,
	type ChargeLine,
	type ReminderTemplate,
	type ReminderText,
	type ReminderValues
} from './reminder-text';
