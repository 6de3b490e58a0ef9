"use client";

import { fitMoney, formatMoney } from "@/lib/format/money";
import { useReader } from "./use-reader";

/**
 * An amount in its currency, in the reader's locale, cents only when it has them. With
 * `maxChars`, compact ("$8.25M") only when the exact amount is longer, and then the
 * exact amount is the title.
 */
export function Money({ amount, currency, maxChars, className, ...rest }: { amount: string; currency: string | null | undefined; maxChars?: number; className?: string; "data-testid"?: string }) {
  const { locale } = useReader();
  const fit = maxChars ? fitMoney(amount, currency, maxChars, locale) : null;
  const text = fit ? fit.text : formatMoney(amount, currency, { locale });
  return (
    <span className={className} title={fit?.compacted ? fit.exact : undefined} data-testid={rest["data-testid"]}>
      {text}
    </span>
  );
}
