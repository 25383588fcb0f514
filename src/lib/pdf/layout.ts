import type { DocumentLayout, FontMetrics } from './draw-ops';
import { ImageRegistry } from './image-registry';
import { PageFlow, PdfLayoutError } from './page-flow';
import { partiesAndTitle } from './parties-layout';
import { payment } from './payment-layout';
import { layoutRichDocument } from './rich-layout';
import { GAP, translate, type SectionContext } from './section-context';
import { cashDiscount, flowingParagraph, summaryAndTotals } from './summary-layout';
import { layoutTable } from './table-layout';
import { A4, COLORS, SIZES, type PageGeometry } from './theme';
import { Typesetter } from './typesetter';
import type { RichDocument, InvoicePdfView } from './view-model';

const MAX_HEADER_IMAGE = 72;
const MAX_FOOTER_IMAGE = 28;

function richHeight(
	document: RichDocument | undefined,
	maxImageHeight: number,
	size: number,
	typesetter: Typesetter,
	images: ImageRegistry,
	geometry: PageGeometry
) {
	if (!document || document.blocks.length === 0) return { ops: [], height: 0 };
	return layoutRichDocument(
		document,
		{
			x: geometry.marginX,
			y: 0,
			width: geometry.width - 2 * geometry.marginX,
			size,
			color: COLORS.text,
			linkColor: COLORS.link,
			maxImageHeight
		},
		typesetter,
		images
	);
}

/** Turns the view model into positioned drawing operations on as many pages as needed. */
export function layoutInvoice(
	view: InvoicePdfView,
	metrics: FontMetrics,
	geometry: PageGeometry = A4
): DocumentLayout {
	const typesetter = new Typesetter(metrics);
	const images = new ImageRegistry();
	const x = geometry.marginX;
	const width = geometry.width - 2 * geometry.marginX;

	const header = richHeight(
		view.header,
		MAX_HEADER_IMAGE,
		SIZES.header,
		typesetter,
		images,
		geometry
	);
	const footer = richHeight(
		view.footer,
		MAX_FOOTER_IMAGE,
		SIZES.footer,
		typesetter,
		images,
		geometry
	);
	const footerTop = geometry.height - geometry.marginBottom - footer.height;
	const bodyBottom = footerTop - (footer.height > 0 ? GAP : 0);
	const firstTop = geometry.marginTop + header.height + (header.height > 0 ? GAP * 1.5 : 0);
	const continuationText = typesetter.fit(view.continuation);
	const continuationTop = geometry.marginTop + typesetter.lineHeight(SIZES.small) + GAP;
	if (bodyBottom - Math.max(firstTop, continuationTop) < 120) {
		throw new PdfLayoutError(
			'header',
			'the header and footer are too tall: they leave less than 120 pt for the invoice'
		);
	}

	const flow = new PageFlow(firstTop, continuationTop, bodyBottom, (ops) => {
		typesetter.place(ops, {
			x,
			y: geometry.marginTop + typesetter.baseline(SIZES.small),
			text: continuationText,
			style: 'regular',
			size: SIZES.small,
			color: COLORS.muted
		});
		const ruleY = geometry.marginTop + typesetter.lineHeight(SIZES.small) + 3;
		ops.push({
			kind: 'line',
			x1: x,
			y1: ruleY,
			x2: x + width,
			y2: ruleY,
			width: 0.4,
			color: COLORS.rule
		});
	});
	flow.ops.push(...translate(header.ops, geometry.marginTop));
	const context: SectionContext = { flow, typesetter, x, width };

	partiesAndTitle(view, context);
	layoutTable(view.table, flow, x, width, typesetter);
	summaryAndTotals(view, context);
	for (const mention of view.mentions) {
		flowingParagraph(mention, context, SIZES.small, COLORS.muted);
		flow.y += 3;
	}
	if (view.mentions.length > 0) flow.y += GAP;
	if (view.cashDiscount) cashDiscount(view.cashDiscount, context);
	if (view.payment) payment(view.payment, context);

	const footerOps = translate(footer.ops, footerTop);
	const pages = flow.pages;
	pages.forEach((ops, index) => {
		if (footer.height > 0) {
			ops.push({
				kind: 'line',
				x1: x,
				y1: footerTop - GAP / 2,
				x2: x + width,
				y2: footerTop - GAP / 2,
				width: 0.4,
				color: COLORS.rule
			});
			ops.push(...footerOps);
		}
		const number = view.pageNumber
			.replace('{page}', String(index + 1))
			.replace('{pages}', String(pages.length));
		typesetter.place(ops, {
			x,
			y: geometry.height - geometry.marginBottom / 2 + typesetter.baseline(SIZES.pageNumber) / 2,
			text: typesetter.fit(number),
			style: 'regular',
			size: SIZES.pageNumber,
			color: COLORS.muted,
			align: 'right',
			boxWidth: width
		});
	});

	return {
		width: geometry.width,
		height: geometry.height,
		pages,
		images: images.images,
		fontStyles: [...typesetter.usedStyles],
		warnings: [...typesetter.warnings(), ...images.warnings]
	};
}
