/**
 * Stands in for jsPDF's optional dependencies (html2canvas, canvg, dompurify), which serve only
 * its HTML and SVG import: we draw vector operations ourselves, so they are aliased here in
 * vite.config.ts and never built or precached. jsPDF imports them only inside those features,
 * so this throws only if one is ever called, and says why.
 */
throw new Error(
	'jsPDF asked for html2canvas, canvg or dompurify: Billfold leaves them out of its build ' +
		'(vite.config.ts resolve.alias), because its PDFs never use jsPDF.html() or addSvgAsImage()'
);
