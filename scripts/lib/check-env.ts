// Entry points check the whole environment before they start anything: a bad value is a
// configuration mistake, so it is said plainly (which variable, what it expects) and the
// process exits, without a stack trace. Printed to the terminal, not through the logger,
// whose own level may be the bad value.
import { checkEnv, EnvError } from "../../lib/env";

export function checkEnvOrExit(prefix: string): void {
  try {
    checkEnv();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    console.error(`${prefix} ${err.message}`);
    process.exit(1);
  }
}
