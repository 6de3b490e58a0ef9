// The filter builder's inputs. Pure types: the builder edits filter JSON (API.md →
// "Filter JSON") for any object type, so the table, the list builder and automation
// conditions can share it.
import type { ValidationIssue } from "@/lib/errors";
import type { FieldType, FilterObjectType } from "@/lib/filters/fields";
import type { FilterOp } from "@/lib/filters/ops";
import type { FilterGroup } from "@/lib/filters/schema";

/** One field a condition may name: describeFilterFields(objectType, customFields) plus an optional label. */
export interface FilterField {
  path: string;
  type: FieldType;
  ops: readonly FilterOp[];
  label?: string;
}

export interface Named {
  id: string;
  name: string;
}

/** Choices for value pickers; anything missing falls back to a text input. */
export interface FilterValueOptions {
  /** Members, for user fields (owner, created by, assigned user); "Me" is always offered. */
  users?: readonly Named[];
  /** Groups, for group fields (owner group, assigned group). */
  groups?: readonly Named[];
  /** Known tag names (a tag not listed can still be typed). */
  tags?: readonly string[];
  /** Lists of the object type, for "is in list". */
  lists?: readonly Named[];
  /** Custom field labels and MULTI_SELECT options, by key. */
  customFields?: readonly { key: string; label: string; options?: readonly string[] }[];
}

export interface FilterBuilderProps {
  objectType: FilterObjectType;
  fields: readonly FilterField[];
  value: FilterGroup;
  onChange: (next: FilterGroup) => void;
  /** validateFilter errors; paths start at "filter" (e.g. "filter.all[1].value"). */
  errors?: readonly ValidationIssue[];
  options?: FilterValueOptions;
  /** Names the builder for assistive technology (e.g. "Contacts filter"). */
  label?: string;
  /** What no condition means here ("every record matches" for a table; "no members yet" for a dynamic list). */
  empty?: string;
}
