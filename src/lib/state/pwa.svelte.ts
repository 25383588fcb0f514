import { Workbox } from 'workbox-window';
import { appDb } from '$lib/storage/db';
import { whenReplaced } from '$lib/storage/replaced-by-newer';

interface InstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

class PwaState {
	updateReady = $state(false);
	canInstall = $state(false);
	online = $state(true);
	/** A newer version opened the database in another tab: this tab can no longer read or write. */
	replaced = $state(false);
	#workbox: Workbox | undefined;
	#installPrompt: InstallPromptEvent | undefined;

	start(registerWorker: boolean): void {
		this.online = navigator.onLine;
		void whenReplaced(appDb()).then(() => (this.replaced = true));
		addEventListener('online', () => (this.online = true));
		addEventListener('offline', () => (this.online = false));
		addEventListener('beforeinstallprompt', (event) => {
			event.preventDefault();
			this.#installPrompt = event as InstallPromptEvent;
			this.canInstall = true;
		});
		addEventListener('appinstalled', () => (this.canInstall = false));
		if (registerWorker && 'serviceWorker' in navigator) this.#register();
	}

	#register(): void {
		const workbox = new Workbox('/service-worker.js');
		workbox.addEventListener('waiting', () => (this.updateReady = true));
		workbox.addEventListener('controlling', (event) => {
			if (event.isUpdate) location.reload();
		});
		this.#workbox = workbox;
		void workbox.register();
	}

	applyUpdate(): void {
		this.#workbox?.messageSkipWaiting();
	}

	async install(): Promise<void> {
		const prompt = this.#installPrompt;
		if (!prompt) return;
		await prompt.prompt();
		await prompt.userChoice;
		this.#installPrompt = undefined;
		this.canInstall = false;
	}
}

export const pwaState = new PwaState();
