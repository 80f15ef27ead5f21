#!/usr/bin/env node
// The `kaoping` command: loads TypeScript through tsx, then hands over to cli/main.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
