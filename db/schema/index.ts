export * from "./enums";
export * from "./tenancy";
export * from "./records";
export * from "./pipelines";
export * from "./lists";
export * from "./watchers";
export * from "./automations";
export * from "./events";
