import type { Row } from "./harness";
import type { BenchEnv } from "./index";

export async function benchSearch(_env: BenchEnv): Promise<Row[]> {
  return [];
}
