import { z } from 'zod';

/** ISO 3166-1 alpha-2 country code, upper case ("BE", "NL"). */
export const countryCodeSchema = z
	.string()
	.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as "BE"');

/** BG-5 / BG-8 postal address. */
export const addressSchema = z.object({
	/** BT-35 / BT-50. */
	street: z.string().trim().min(1, 'street and number are required'),
	/** BT-36 / BT-51. */
	additionalLine: z.string().trim().min(1).optional(),
	/** BT-38 / BT-53. */
	postalCode: z.string().trim().min(1, 'postal code is required'),
	/** BT-37 / BT-52. */
	city: z.string().trim().min(1, 'city is required'),
	/** BT-40 / BT-55. */
	countryCode: countryCodeSchema
});
export type Address = z.infer<typeof addressSchema>;
