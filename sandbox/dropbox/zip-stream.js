'use strict';
// A streaming ZIP writer (stored entries, no compression) for downloading a shared folder link
// with dl=1, as Dropbox does. CRCs are computed while the bytes pass, so entries use data
// descriptors and nothing is buffered. Plain ZIP (not ZIP64): at most 65535 entries and 4 GiB.

const zlib = require('zlib');
const { once } = require('events');
const { crc32: slowCrc32 } = require('../common/sample-files');

const crc32 = typeof zlib.crc32 === 'function' ? zlib.crc32 : (data, value = 0) => {
	// Fallback for Node < 20.15: slower, only continues from 0.
	if (value !== 0) throw new Error('incremental crc32 needs Node >= 20.15');
	return slowCrc32(data);
};

const MAX_ZIP_BYTES = 0xffffffff;
const MAX_ENTRIES = 0xffff;

function dosDateTime(iso) {
	const d = new Date(iso || Date.now());
	const time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2);
	const date = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
	return { time, date };
}

/**
 * @param {import('stream').Writable} out
 * @param {Array<{ name: string, folder?: boolean, modified?: string, size?: number, open?: () => AsyncIterable<Buffer> }>} entries
 */
async function writeZip(out, entries) {
	let offset = 0;
	const central = [];
	const write = async (buffer) => {
		offset += buffer.length;
		if (!out.write(buffer)) await once(out, 'drain');
	};
	for (const entry of entries) {
		const name = Buffer.from(entry.folder ? `${entry.name}/` : entry.name, 'utf8');
		const { time, date } = dosDateTime(entry.modified);
		const headerOffset = offset;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x0808, 6); // data descriptor follows; UTF-8 names
		local.writeUInt16LE(0, 8); // stored
		local.writeUInt16LE(time, 10);
		local.writeUInt16LE(date, 12);
		local.writeUInt16LE(name.length, 26);
		await write(local);
		await write(name);
		let crc = 0;
		let size = 0;
		if (!entry.folder) {
			for await (const chunk of entry.open()) {
				crc = crc32(chunk, crc);
				size += chunk.length;
				await write(chunk);
			}
		}
		const descriptor = Buffer.alloc(16);
		descriptor.writeUInt32LE(0x08074b50, 0);
		descriptor.writeUInt32LE(crc >>> 0, 4);
		descriptor.writeUInt32LE(size, 8);
		descriptor.writeUInt32LE(size, 12);
		await write(descriptor);
		const record = Buffer.alloc(46);
		record.writeUInt32LE(0x02014b50, 0);
		record.writeUInt16LE(20, 4);
		record.writeUInt16LE(20, 6);
		record.writeUInt16LE(0x0808, 8);
		record.writeUInt16LE(0, 10);
		record.writeUInt16LE(time, 12);
		record.writeUInt16LE(date, 14);
		record.writeUInt32LE(crc >>> 0, 16);
		record.writeUInt32LE(size, 20);
		record.writeUInt32LE(size, 24);
		record.writeUInt16LE(name.length, 28);
		record.writeUInt32LE(entry.folder ? 0x10 : 0, 38);
		record.writeUInt32LE(headerOffset, 42);
		central.push(record, name);
	}
	const centralStart = offset;
	for (const part of central) await write(part);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(offset - centralStart, 12);
	end.writeUInt32LE(centralStart, 16);
	await write(end);
	out.end();
}

module.exports = { writeZip, MAX_ZIP_BYTES, MAX_ENTRIES };
