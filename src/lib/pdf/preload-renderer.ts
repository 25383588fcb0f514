import { fontFile } from './font-files';

/**
 * Starts loading what the first invoice PDF needs the moment the PDF worker starts, all at once:
 * the renderer (jsPDF, the QR encoder) and the regular and bold font files, which are parsed as
 * soon as jsPDF is there. Without it each waited for the one before it, and all of them for the
 * first request. A later request awaits the same promises (modules and parsed fonts are kept).
 * Never rejects: a render that then fails reports its own error.
 */
export async function preloadRenderer(): Promise<void> {
	await Promise.all([
		fontFile('regular'),
		fontFile('bold'),
		import('./render-invoice'),
		// render-invoice's own imports, jsPDF the largest: fetched now, beside it, not one round
		// trip after it (a module's imports are only known once it has arrived and been parsed).
		import('jspdf'),
		// Their own imports in turn, each known only once its importer has arrived and been parsed:
		// the stored logo's reader (render-invoice → prepare-image) and jsPDF's zlib (pako, which
		// fast-png imports for jsPDF's PNG support; scripts/pdf-aliases.ts picks the one copy).
		import('./prepare-image'),
		// Not a dependency of ours (package.json): this resolves through `pdfAliases` to the pako 2
		// build that fast-png imports, the very module jsPDF will ask for.
		import('pako'),
		import('./fonts').then(({ loadEmbeddedFonts }) => loadEmbeddedFonts(['regular', 'bold']))
	]).catch(() => undefined);
}
