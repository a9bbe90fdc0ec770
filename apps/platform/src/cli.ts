// Operations commands: `migrate`, `seed`.
import { runCli } from '@hp/runtime';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
