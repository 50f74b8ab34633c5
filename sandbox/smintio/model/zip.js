'use strict';
// A streamed, uncompressed ("stored") zip of several blobs, for multi-asset downloads. The CRC
// of every blob is known from storage, so each local header is complete (no data descriptors,
// which some readers reject for stored entries) and the total length is known in advance.
// Classic zip only: every entry and the whole archive must stay below 4 GiB.

const { Readable } = require('stream');

const LIMIT = 0xffffffff;

function dosDateTime(date) {
	const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
	const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
	return { time, day };
}

function localHeader(entry, name, stamp) {
	const header = Buffer.alloc(30);
	header.writeUInt32LE(0x04034b50, 0);
	header.writeUInt16LE(20, 4); // version needed
	header.writeUInt16LE(0x0800, 6); // UTF-8 names
	header.writeUInt16LE(0, 8); // stored
	header.writeUInt16LE(stamp.time, 10);
	header.writeUInt16LE(stamp.day, 12);
	header.writeUInt32LE(entry.crc32, 14);
	header.writeUInt32LE(entry.size, 18);
	header.writeUInt32LE(entry.size, 22);
	header.writeUInt16LE(name.length, 26);
	header.writeUInt16LE(0, 28);
	return Buffer.concat([header, name]);
}

function centralHeader(entry, name, stamp, offset) {
	const header = Buffer.alloc(46);
	header.writeUInt32LE(0x02014b50, 0);
	header.writeUInt16LE(20, 4); // made by
	header.writeUInt16LE(20, 6); // needed
	header.writeUInt16LE(0x0800, 8);
	header.writeUInt16LE(0, 10);
	header.writeUInt16LE(stamp.time, 12);
	header.writeUInt16LE(stamp.day, 14);
	header.writeUInt32LE(entry.crc32, 16);
	header.writeUInt32LE(entry.size, 20);
	header.writeUInt32LE(entry.size, 24);
	header.writeUInt16LE(name.length, 28);
	header.writeUInt32LE(offset, 42);
	return Buffer.concat([header, name]);
}

/** Distinct names inside the archive ("a.jpg", "a (2).jpg", …). */
function uniqueNames(entries) {
	const seen = new Map();
	return entries.map((entry) => {
		const base = entry.fileName;
		const count = (seen.get(base) || 0) + 1;
		seen.set(base, count);
		if (count === 1) return base;
		const dot = base.lastIndexOf('.');
		return dot > 0 ? `${base.slice(0, dot)} (${count})${base.slice(dot)}` : `${base} (${count})`;
	});
}

/** Bytes of the whole archive, or null when it would need zip64. */
function zipLength(entries) {
	const names = uniqueNames(entries).map((name) => Buffer.from(name, 'utf8'));
	let total = 22;
	entries.forEach((entry, index) => {
		total += 30 + names[index].length + entry.size + 46 + names[index].length;
	});
	if (total >= LIMIT || entries.some((entry) => entry.size >= LIMIT)) return null;
	return total;
}

/**
 * @param {Array<{ blobKey: string, fileName: string, size: number, crc32: number }>} entries
 * @param {(blobKey: string) => NodeJS.ReadableStream} openBlob
 */
function zipStream(entries, openBlob, date = new Date()) {
	const stamp = dosDateTime(date);
	const names = uniqueNames(entries).map((name) => Buffer.from(name, 'utf8'));
	async function* generate() {
		const central = [];
		let offset = 0;
		for (let i = 0; i < entries.length; i++) {
			const header = localHeader(entries[i], names[i], stamp);
			central.push(centralHeader(entries[i], names[i], stamp, offset));
			yield header;
			for await (const chunk of openBlob(entries[i].blobKey)) yield chunk;
			offset += header.length + entries[i].size;
		}
		const directory = Buffer.concat(central);
		const end = Buffer.alloc(22);
		end.writeUInt32LE(0x06054b50, 0);
		end.writeUInt16LE(entries.length, 8);
		end.writeUInt16LE(entries.length, 10);
		end.writeUInt32LE(directory.length, 12);
		end.writeUInt32LE(offset, 16);
		yield directory;
		yield end;
	}
	return Readable.from(generate(), { objectMode: false });
}

module.exports = { zipStream, zipLength };
