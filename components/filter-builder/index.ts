export { FilterBuilder } from "./filter-builder";
export { fieldLabel, opLabel } from "./labels";
export { MultiSelect, type Choice } from "./multi-select";
export { asGroup, countConditions, EMPTY_FILTER } from "./tree";
export type { FilterBuilderProps, FilterField, FilterValueOptions, Named } from "./types";
