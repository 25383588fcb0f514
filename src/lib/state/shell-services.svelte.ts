/**
 * The relay connection and sync state, once some page has loaded them: the shell's top bar shows
 * their status. They register here when their module loads (the settings page that joins a relay
 * or turns sync on loads them), so the shell never has to load them itself on a device without.
 */
export const shellServices = $state<{
	relay?: typeof import('./relay.svelte').relayConnection;
	sync?: typeof import('./sync.svelte').syncState;
}>({});
