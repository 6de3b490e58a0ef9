import type { Row } from "./harness";
import type { BenchEnv } from "./index";

export async function benchBoard(_env: BenchEnv): Promise<Row[]> {
  return [];
}
