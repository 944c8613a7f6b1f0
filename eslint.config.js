// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

const sdkImports = {
  group: ["botbuilder", "botbuilder-*", "botframework-*", "@microsoft/agents-*"],
  message: "src/ must not import the Bot Framework SDK; keep it in bot/.",
};
const botFolderImports = {
  group: ["**/bot/**"],
  message: "src/ must not import bot/: only the composition root src/main.ts wires it in.",
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "data/",
      "appPackage/",
      "coverage/",
      "bin/",
      "eslint.config.js",
      "tab/dist/",
      "test-artifacts/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-empty": ["error", { allowEmptyCatch: false }],
      eqeqeq: ["error", "smart"],
    },
  },
  {
    // The Bot Framework SDK is archived upstream: only bot/ may know it (see shared/STYLE.md).
    files: ["src/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [sdkImports, botFolderImports] }] },
  },
  {
    // The composition root may wire bot/ in, but still never touches the SDK itself.
    files: ["src/main.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [sdkImports] }] },
  },
);
