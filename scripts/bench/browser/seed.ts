/**
 * The overview and inbox list benches' seeding page. The bench serves it on the app's own origin (by routing the
 * request in Playwright, see ../overview.ts), so it writes into the IndexedDB the app then reads;
 * the app itself has no way to seed sample data.
 */
import { seedBenchInvoices } from './bench-invoices';
import { seedBenchPurchases } from './bench-purchases';

declare global {
	interface Window {
		billfoldSeed(count: number): Promise<number>;
		billfoldSeedPurchases(count: number): Promise<number>;
	}
}

window.billfoldSeed = seedBenchInvoices;
window.billfoldSeedPurchases = seedBenchPurchases;
document.body.dataset.ready = 'true';
