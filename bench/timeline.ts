import type { Row } from "./harness";
import type { BenchEnv } from "./index";

export async function benchTimeline(_env: BenchEnv): Promise<Row[]> {
  return [];
}
