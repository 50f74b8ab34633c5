// Copies what tsc does not emit into dist: node and credential icons, codex files and the
// template workflows (they ship with the package so n8n users can import them).
const fs = require('fs');
const { src, dest, parallel } = require('gulp');

function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}', 'icons/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
		allowEmpty: true,
	}).pipe(dest('dist'));
}

function copyCodex() {
	return src('nodes/**/*.node.json', { base: '.', allowEmpty: true }).pipe(dest('dist'));
}

function copyTemplates() {
	return src('workflows/**/*.{json,md}', { base: '.', allowEmpty: true }).pipe(dest('dist'));
}

// A stale file in dist (a renamed or deleted source) would otherwise be published.
function clean(done) {
	fs.rmSync('dist', { recursive: true, force: true });
	done();
}

exports.clean = clean;
exports.build = parallel(copyIcons, copyCodex, copyTemplates);
exports.default = exports.build;
