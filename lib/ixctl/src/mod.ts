export * from "./flow.ts";
export * from "./state.ts";
