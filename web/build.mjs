// Builds the console into a folder of static files that `roost serve` embeds:
//
//   node build.mjs [--outdir DIR] [--dev]      (DIR defaults to build/web-dist of the repository)
//
//   DIR/index.html            the page (never cached: it names the current assets)
//   DIR/favicon.svg
//   DIR/licenses.txt          the licences of the bundled packages
//   DIR/assets/*-HASH.{js,css} content-hashed bundles (cached for good)
//   DIR/**/*.gz               gzip copies, kept only where smaller than the file
//
// JSX (Preact) and the libraries are bundled by esbuild as ES modules with code splitting: the
// first page loads the app alone; the MQTT client and the chart library come as separate chunks
// when a page needs them. Prints the first load's size, plain and gzipped.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const args = { outdir: path.join(here, '..', 'build', 'web-dist'), dev: false }; // build/ is not tracked
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--outdir' && i + 1 < argv.length) args.outdir = path.resolve(argv[++i]);
    else if (a.startsWith('--outdir=')) args.outdir = path.resolve(a.slice('--outdir='.length));
    else if (a === '--dev') args.dev = true;
    else throw new Error(`unknown argument: ${a} (usage: node build.mjs [--outdir DIR] [--dev])`);
  }
  return args;
}

// Every file under `dir`, as paths relative to it.
function listFiles(dir, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out.sort();
}

const escapeAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

async function bundle(outdir, dev) {
  const result = await esbuild.build({
    absWorkingDir: here,
    entryPoints: { main: 'src/main.jsx' },
    outdir: path.join(outdir, 'assets'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2020', 'chrome87', 'firefox78', 'safari14'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: !dev,
    sourcemap: dev ? 'inline' : false,
    legalComments: dev ? 'inline' : 'none', // licences.txt has them whole
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    define: { 'process.env.NODE_ENV': dev ? '"development"' : '"production"' },
    metafile: true,
    logLevel: 'warning',
  });
  return result.metafile;
}

// The entry's JS and CSS, as paths relative to `outdir`, and the JS files it imports statically.
function entryFiles(metafile, outdir) {
  const rel = (p) => path.relative(outdir, path.resolve(here, p)).split(path.sep).join('/');
  for (const [file, info] of Object.entries(metafile.outputs)) {
    if (info.entryPoint !== 'src/main.jsx') continue;
    const preload = info.imports.filter((i) => i.kind === 'import-statement').map((i) => rel(i.path));
    return { js: rel(file), css: info.cssBundle ? rel(info.cssBundle) : null, preload };
  }
  throw new Error('esbuild produced no output for src/main.jsx');
}

function writeIndex(outdir, entry) {
  const template = fs.readFileSync(path.join(here, 'src', 'index.html'), 'utf8');
  const head = [
    entry.css ? `<link rel="stylesheet" href="/${escapeAttr(entry.css)}">` : '',
    ...entry.preload.map((p) => `<link rel="modulepreload" href="/${escapeAttr(p)}">`),
    `<script type="module" src="/${escapeAttr(entry.js)}"></script>`,
  ].filter(Boolean).join('\n    ');
  if (!template.includes('<!--assets-->')) throw new Error('src/index.html has no <!--assets--> marker');
  fs.writeFileSync(path.join(outdir, 'index.html'), template.replace('<!--assets-->', head));
}

// licenses.txt: the name, version and licence text of every npm package in the bundles.
function writeLicenses(outdir, metafile) {
  const packages = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g);
    if (m) packages.add(m[m.length - 1].slice('node_modules/'.length, -1));
  }
  const sections = [...packages].sort().map((name) => {
    const dir = path.join(here, 'node_modules', name);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const file = fs.readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file ? fs.readFileSync(path.join(dir, file), 'utf8').trim() : `License: ${pkg.license || 'unknown'}`;
    return `${name} ${pkg.version}\n${'-'.repeat(name.length + pkg.version.length + 1)}\n${text}\n`;
  });
  fs.writeFileSync(path.join(outdir, 'licenses.txt'),
                   `The Roost console bundles these packages:\n\n${sections.join('\n')}`);
}

function copyPublic(outdir) {
  const from = path.join(here, 'public');
  if (!fs.existsSync(from)) return;
  for (const rel of listFiles(from)) {
    fs.mkdirSync(path.dirname(path.join(outdir, rel)), { recursive: true });
    fs.copyFileSync(path.join(from, rel), path.join(outdir, rel));
  }
}

// Writes FILE.gz beside every file it makes smaller; returns {file: [plain, gzipped]}.
function compress(outdir) {
  const sizes = {};
  for (const rel of listFiles(outdir)) {
    if (rel.endsWith('.gz')) continue;
    const plain = fs.readFileSync(path.join(outdir, rel));
    const packed = zlib.gzipSync(plain, { level: zlib.constants.Z_BEST_COMPRESSION });
    const smaller = packed.length < plain.length;
    if (smaller) fs.writeFileSync(path.join(outdir, `${rel}.gz`), packed);
    sizes[rel] = [plain.length, smaller ? packed.length : plain.length];
  }
  return sizes;
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  fs.rmSync(args.outdir, { recursive: true, force: true });
  fs.mkdirSync(args.outdir, { recursive: true });
  const metafile = await bundle(args.outdir, args.dev);
  const entry = entryFiles(metafile, args.outdir);
  writeIndex(args.outdir, entry);
  writeLicenses(args.outdir, metafile);
  copyPublic(args.outdir);
  const sizes = compress(args.outdir);

  const first = ['index.html', entry.js, entry.css, ...entry.preload].filter(Boolean);
  const total = (files, i) => files.reduce((n, f) => n + sizes[f][i], 0);
  const lazy = Object.keys(sizes).filter((f) => f.endsWith('.js') && !first.includes(f));
  console.log(`console built in ${args.outdir}: first load ${kib(total(first, 0))} (${kib(total(first, 1))} gzipped); ` +
              `loaded later: ${lazy.map((f) => `${f} ${kib(sizes[f][1])} gzipped`).join(', ') || 'nothing'}`);
}

main().catch((e) => {
  console.error(`build.mjs: ${e.message}`);
  process.exit(1);
});
