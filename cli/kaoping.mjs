#!/usr/bin/env node
// The `kaoping` command in a checkout (`npm run kaoping`, `npm run main`, the Git diff driver): runs the built
// command in dist/cli, building it first when a source is newer than the last build (a second or two, once).
import { pathToFileURL } from 'node:url';
import { CLI_ENTRY, cliIsStale, rebuildCli } from '../scripts/build-cli.mjs';

if (cliIsStale()) await rebuildCli();
await import(pathToFileURL(CLI_ENTRY).href);
