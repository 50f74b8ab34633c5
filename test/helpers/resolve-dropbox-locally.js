'use strict';
// Preloaded into ONE n8n process (NODE_OPTIONS=--require <this file>) by the benchmarks and
// the Cloud-edition e2e tests.
// n8n's core Dropbox node has its hosts hard-coded (https://api.dropboxapi.com,
// https://content.dropboxapi.com). This makes those names, and only those, resolve to
// 127.0.0.1 (or DROPBOX_TLS_FRONT_ADDRESS, another loopback address, so that several fronts can
// listen on port 443 at once) inside this process, where test/helpers/dropbox-tls-front.js terminates TLS
// with a certificate of a CA made at bench time (trusted through NODE_EXTRA_CA_CERTS) and
// forwards to the Dropbox emulator. /etc/hosts and every other name are left alone.

const dns = require('node:dns');

const LOCAL_NAMES = new Set(
	(process.env.BENCH_LOCAL_DROPBOX_HOSTS || 'api.dropboxapi.com,content.dropboxapi.com,notify.dropboxapi.com')
		.split(',')
		.map((name) => name.trim().toLowerCase())
		.filter(Boolean),
);
const ADDRESS = process.env.DROPBOX_TLS_FRONT_ADDRESS || '127.0.0.1';

const originalLookup = dns.lookup;

/** dns.lookup with the same signature: (hostname, [options], callback). */
function lookup(hostname, options, callback) {
	if (typeof options === 'function') {
		callback = options;
		options = {};
	}
	if (typeof hostname === 'string' && LOCAL_NAMES.has(hostname.toLowerCase())) {
		const all = typeof options === 'object' && options !== null && options.all === true;
		process.nextTick(() => (all ? callback(null, [{ address: ADDRESS, family: 4 }]) : callback(null, ADDRESS, 4)));
		return {};
	}
	return originalLookup.call(dns, hostname, options, callback);
}

dns.lookup = lookup;

const originalPromisesLookup = dns.promises.lookup;
dns.promises.lookup = async function promisesLookup(hostname, options) {
	if (typeof hostname === 'string' && LOCAL_NAMES.has(hostname.toLowerCase())) {
		const all = typeof options === 'object' && options !== null && options.all === true;
		return all ? [{ address: ADDRESS, family: 4 }] : { address: ADDRESS, family: 4 };
	}
	return originalPromisesLookup.call(dns.promises, hostname, options);
};
