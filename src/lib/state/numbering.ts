import { appDb, NumberingService } from '$lib/storage';

/**
 * The app's one numbering pipeline (storage/numbering-service.ts). The invoice service issues
 * every number through it; sync plugs the relay's sequencer in while it runs and asks it to
 * number the offline queue when the relay answers again.
 */
export const numbering = new NumberingService(appDb);
