'use strict';
// Real, small, valid binaries for the seed: PNGs drawn in code, the shipped sample JPEGs (with
// a variant comment so every file has its own hash) and minimal one-page PDFs.

const { makePng, sampleJpeg } = require('../../common/sample-files');

/** A valid one-page PDF showing `title` (the xref offsets are computed, not guessed). */
function makePdf(title, subtitle = '') {
	const escape = (text) => text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');
	const stream = `BT /F1 24 Tf 72 720 Td (${escape(title)}) Tj ET\nBT /F1 12 Tf 72 690 Td (${escape(subtitle)}) Tj ET\n`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}endstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let body = '%PDF-1.4\n';
	const offsets = [];
	objects.forEach((object, index) => {
		offsets.push(Buffer.byteLength(body));
		body += `${index + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xrefAt = Buffer.byteLength(body);
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
	return Buffer.from(body, 'latin1');
}

/**
 * @param {{ kind: 'png', from: string, to: string, seed: number } | { kind: 'jpeg', sample: string, variant: string }
 *         | { kind: 'pdf', title: string, subtitle?: string }} spec
 * @returns {{ bytes: Buffer, mediaType: string }}
 */
function makeFile(spec) {
	switch (spec.kind) {
		case 'png':
			return { bytes: makePng({ width: 160, height: 100, from: spec.from, to: spec.to, seed: spec.seed }), mediaType: 'image/png' };
		case 'jpeg':
			return { bytes: sampleJpeg(spec.sample, spec.variant), mediaType: 'image/jpeg' };
		case 'pdf':
			return { bytes: makePdf(spec.title, spec.subtitle), mediaType: 'application/pdf' };
		default:
			throw new Error(`unknown seed file kind ${spec.kind}`);
	}
}

module.exports = { makeFile, makePdf };
