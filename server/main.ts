/** `npm run server [-- <command>]`: the sync server's entry point (server/cli/run.ts has the commands). */
import { runCli } from './cli/run';

const code = await runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr });
process.exitCode = code;
