export * from "./calendar.js";
export * from "./deadlines.js";
