import type { FilterField, FilterValueOptions } from "@/components/filter-builder";
import { typeOptions } from "@/components/records/type-labels";

export const LIST_OBJECT_TYPES = typeOptions(["CONTACT", "COMPANY", "DEAL", "LEAD", "TICKET", "ACTIVITY"]);
export type ListObjectTypeValue = (typeof LIST_OBJECT_TYPES)[number]["value"];


export const objectTypeLabel = (t: string) => LIST_OBJECT_TYPES.find((o) => o.value === t)?.label ?? t;

export type FieldsByType = Record<ListObjectTypeValue, FilterField[]>;
export type OptionsByType = Record<ListObjectTypeValue, FilterValueOptions>;
