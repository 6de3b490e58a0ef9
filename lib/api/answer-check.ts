// A seam for the tests: the Vitest setup (lib/api/contract-setup.ts) registers the OpenAPI
// contract check here, and apiRoute runs it on every answer, so each route test also
// proves that what it sent and got back is what /api/v1/openapi.json promises.
// Nothing registers a check outside the tests.
import type { Permission } from "@/lib/auth/permissions";

export interface Exchange {
  request: Request;
  /** The JSON body, when the route read one. */
  body?: unknown;
  /** A copy of the answer, to read. */
  answer: Response;
  /** The permission the route checks. */
  permission: Permission | null;
}

export type AnswerCheck = (exchange: Exchange) => Promise<void>;

let registered: AnswerCheck | undefined;

export function setAnswerCheck(check: AnswerCheck | undefined): void {
  registered = check;
}

export const answerCheck = (): AnswerCheck | undefined => registered;
