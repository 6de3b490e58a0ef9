// A next-safe-action result → its data, or an Error carrying the one message to show.
import { actionErrorMessage, type ActionResultLike } from "@/components/settings/action-result";

export async function runAction<T>(pending: Promise<(ActionResultLike & { data?: T }) | undefined>): Promise<T> {
  const result = await pending;
  if (!result) throw new Error("The server did not answer; try again.");
  const message = actionErrorMessage(result);
  if (message) throw new Error(message);
  return result.data as T;
}
