import { z } from 'zod';
import { isIsoDate } from './calendar-date';

// Apart from calendar-date, whose arithmetic the overview uses without loading zod.
export const isoDateSchema = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a calendar date written yyyy-mm-dd')
	.refine(isIsoDate, { message: 'must be a calendar date written yyyy-mm-dd' });
