'use strict';
// A clock tests can move forward (token and link expiry) without waiting.

function createClock() {
	let offsetMs = 0;
	return {
		now() {
			return Date.now() + offsetMs;
		},
		advance(ms) {
			offsetMs += ms;
			return offsetMs;
		},
		get offsetMs() {
			return offsetMs;
		},
		reset() {
			offsetMs = 0;
		},
	};
}

module.exports = { createClock };
