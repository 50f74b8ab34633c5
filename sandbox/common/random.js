'use strict';
// Seeded randomness, so fault schedules, ids and seed data repeat exactly between runs.

/** mulberry32: small, fast, good enough for test data and fault draws. */
function createRandom(seed = 1) {
	let state = seed >>> 0;
	function next() {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
	return {
		next,
		/** integer in [min, max] */
		int(min, max) {
			return min + Math.floor(next() * (max - min + 1));
		},
		pick(list) {
			return list[Math.floor(next() * list.length)];
		},
		hex(length) {
			let out = '';
			while (out.length < length) out += Math.floor(next() * 16).toString(16);
			return out;
		},
	};
}

module.exports = { createRandom };
