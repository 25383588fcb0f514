import { z } from 'zod';

/**
 * What this device needs to act in its workspace on a relay: where the relay is and the device
 * token it was given when it registered or joined. Sending, Peppol lookups, the device list and
 * sync all use the same one.
 */
export const relayCredentialsSchema = z.object({
	relayUrl: z.url(),
	workspaceId: z.string().min(1),
	deviceId: z.string().min(1),
	deviceToken: z.string().min(1)
});
export type RelayCredentials = z.infer<typeof relayCredentialsSchema>;
