export * from "./api";
export * from "./conditions";
export * from "./graph";
export * from "./starterTemplates";
export * from "./validateGraph";
