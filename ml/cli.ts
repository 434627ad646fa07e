// `npm run ml -- train|predict|evaluate …` — see ml/README.md and ml/cli/args.ts for the arguments.

import { main } from "./cli/main";

process.exitCode = await main(process.argv.slice(2));
