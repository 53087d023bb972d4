#!/usr/bin/env node
import { runCli } from './run.js';
import { processIo } from './io.js';

const code = await runCli(process.argv.slice(2), processIo());
process.exitCode = code;
