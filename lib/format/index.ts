// One way to show a value: money, dates, durations and the labels of enums and field keys.
export * from "./dates";
export * from "./durations";
export * from "./labels";
export * from "./money";
export * from "./bytes";
