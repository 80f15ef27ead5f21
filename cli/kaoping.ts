#!/usr/bin/env node
// The `kaoping` command as built into dist/cli/kaoping.js (scripts/build-cli.mjs): the package's bin.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
