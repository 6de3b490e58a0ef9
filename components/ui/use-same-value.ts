"use client";
// A server component's props arrive as new objects after every router.refresh(), even when
// nothing in them changed. Whatever is memoized on them is then rebuilt, and a table whose
// cell renderers are rebuilt remounts its cells: an open dialog inside one (the table view's
// required-fields dialog) vanishes while the user fills it. This keeps the first object
// while its content (as JSON: server props always serialize) stays the same.
import { useMemo } from "react";

export function useSameValue<T>(value: T): T {
  const key = JSON.stringify(value);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the content, not the identity
  return useMemo(() => value, [key]);
}
