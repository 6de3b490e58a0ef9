// Vitest setup: every answer of apiRoute is checked against the OpenAPI document
// (lib/api/contract-check.ts). Loaded lazily, so tests that never call a route pay nothing.
import { setAnswerCheck } from "./answer-check";

setAnswerCheck(async (exchange) => (await import("./contract-check")).checkAnswer(exchange));
