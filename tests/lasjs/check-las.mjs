#!/usr/bin/env node
// Independent check of a LAS 2.0 file with the las-js parser (https://github.com/laslibs/las-js).
//
//   node tests/lasjs/check-las.mjs FILE
//
// Prints JSON: version, wrap, curve names and units, row and column counts, the NULL value, the
// first and last data rows, and warnings. Exits 0 when las-js parsed the file and every row holds
// one number per curve; 1 when parsing failed or warnings were found; 2 on bad usage.
// Install with `npm ci --prefix tests/lasjs`.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Las } = require('las-js');

const kMaxWarnings = 20;

async function check(file) {
    const text = readFileSync(file, 'utf8');
    const las = new Las(text, { loadFile: false });
    const warnings = [];
    const warn = message => {
        if (warnings.length < kMaxWarnings)
            warnings.push(message);
    };

    const version = await las.version();
    const wrap = await las.wrap();
    const curves = await las.header();
    const curveParams = await las.curveParams();
    const well = await las.wellParams();
    const rows = await las.data();

    if (version !== 2)
        warn(`VERS is ${version}; las-js reads LAS 2.0 only`);
    if (wrap)
        warn('WRAP YES: las-js reads wrapped data as a flat list');
    const nullValue = well.NULL ? Number(well.NULL.value) : null;
    if (nullValue === null || Number.isNaN(nullValue))
        warn(`no numeric NULL in ~WELL (${JSON.stringify(well.NULL ?? null)})`);
    rows.forEach((row, i) => {
        if (row.length !== curves.length)
            warn(`row ${i}: ${row.length} values for ${curves.length} curves`);
        row.forEach((value, j) => {
            if (typeof value !== 'number' || !Number.isFinite(value))
                warn(`row ${i}, column ${j}: ${JSON.stringify(value)} is not a number`);
        });
    });

    const units = {};
    for (const [mnemonic, item] of Object.entries(curveParams))
        units[mnemonic] = item.unit;

    return {
        file,
        version,
        wrap,
        curves,
        units,
        rowCount: rows.length,
        columnCount: curves.length,
        nullValue,
        start: well.STRT ? well.STRT.value : null,
        stop: well.STOP ? well.STOP.value : null,
        firstRow: rows.length ? rows[0] : null,
        lastRow: rows.length ? rows[rows.length - 1] : null,
        warnings,
    };
}

const file = process.argv[2];
if (!file) {
    console.error('usage: node check-las.mjs FILE');
    process.exit(2);
}
try {
    const report = await check(file);
    console.log(JSON.stringify(report, null, 2));
    process.exit(report.warnings.length ? 1 : 0);
} catch (error) {
    console.error(`check-las: ${file}: ${error && error.message ? error.message : error}`);
    process.exit(1);
}
