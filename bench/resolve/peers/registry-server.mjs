#!/usr/bin/env node
// An npm-compatible registry on 127.0.0.1 that serves one graph, for the npm and
// pnpm peers: GET /<name> is the packument, GET /<name>/-/<name>-<v>.tgz a real
// (tiny) gzipped tarball holding package/package.json. Every packument and
// tarball is built before the port is announced, so the timed runs pay only for
// HTTP, not for the server's own work.
//   node registry-server.mjs GRAPH.json PORT_FILE
// GET /-/bench/stats and /-/bench/reset count requests; SIGTERM stops it.
import { createServer } from 'node:http';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { newestFirst } from '../lib/ranges.mjs';

const [graphFile, portFile] = process.argv.slice(2);
const graph = JSON.parse(readFileSync(graphFile, 'utf8'));
const PUBLISHED = '2020-01-01T00:00:00.000Z'; // old enough for any minimum-release-age policy

/** ustar archive: one header block, the file, padding, two zero blocks. */
function tarball(name, version, dependencies) {
  const body = Buffer.from(JSON.stringify({ name, version, dependencies }));
  const header = Buffer.alloc(512);
  const field = (text, at) => header.write(text, at, 'latin1');
  field('package/package.json', 0);
  field('0000644\0', 100);
  field('0000000\0', 108);
  field('0000000\0', 116);
  field(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
  field('00000000000\0', 136);
  field('        ', 148); // checksum is computed over spaces in its own field
  field('0', 156);
  field('ustar\0', 257);
  field('00', 263);
  let sum = 0;
  for (const b of header) sum += b;
  field(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const pad = Buffer.alloc((512 - (body.length % 512)) % 512);
  return gzipStored(Buffer.concat([header, body, pad, Buffer.alloc(1024)]));
}

// gzip with one uncompressed ("stored") deflate block: valid for every client and
// about 100x cheaper than a zlib stream per file, which matters at 200,000 tarballs.
function gzipStored(data) {
  if (data.length > 0xffff) throw new Error('tarball too large for one stored block');
  const head = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 1, 0, 0, 0, 0]);
  head.writeUInt16LE(data.length, 11);
  head.writeUInt16LE(~data.length & 0xffff, 13);
  const tail = Buffer.alloc(8);
  tail.writeUInt32LE(crc32(data), 0);
  tail.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, tail]);
}

const packuments = new Map();
const tarballs = new Map();
const stats = { packuments: 0, tarballs: 0, missing: 0 };

function build(base) {
  for (const [name, byVersion] of Object.entries(graph.registry)) {
    const versions = Object.keys(byVersion);
    const doc = { name, 'dist-tags': { latest: [...versions].sort(newestFirst)[0] }, versions: {}, time: { created: PUBLISHED, modified: PUBLISHED } };
    for (const v of versions) {
      const tgz = tarball(name, v, byVersion[v]);
      const file = `${name}-${v}.tgz`;
      tarballs.set(`/${name}/-/${file}`, tgz);
      doc.versions[v] = {
        name, version: v, dependencies: byVersion[v],
        dist: {
          tarball: `${base}/${name}/-/${file}`,
          shasum: createHash('sha1').update(tgz).digest('hex'),
          integrity: `sha512-${createHash('sha512').update(tgz).digest('base64')}`,
        },
      };
      doc.time[v] = PUBLISHED;
    }
    packuments.set(`/${name}`, Buffer.from(JSON.stringify(doc)));
  }
}

const server = createServer((req, res) => {
  const path = decodeURIComponent(req.url.split('?')[0]);
  if (path === '/-/bench/stats') return res.end(JSON.stringify(stats));
  if (path === '/-/bench/reset') { stats.packuments = stats.tarballs = stats.missing = 0; return res.end('{}'); }
  const doc = packuments.get(path);
  if (doc) {
    stats.packuments++;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': doc.length });
    return res.end(doc);
  }
  const tgz = tarballs.get(path);
  if (tgz) {
    stats.tarballs++;
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': tgz.length });
    return res.end(tgz);
  }
  stats.missing++;
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end('{"error":"Not found"}');
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  build(`http://127.0.0.1:${port}`);
  writeFileSync(`${portFile}.tmp`, String(port));
  renameSync(`${portFile}.tmp`, portFile); // readers never see a half-written port
});
process.on('SIGTERM', () => { server.closeAllConnections(); server.close(); process.exit(0); });
