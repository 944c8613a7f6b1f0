import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = path.dirname(fileURLToPath(import.meta.url));

/** The Teams tab's page, served by the bot under /tab/ (src/tab/routes.ts). */
export default defineConfig({
  root,
  base: "/tab/",
  logLevel: "warn",
  // React's automatic JSX runtime, with no plugin: Vite 8 transforms JSX itself (oxc).
  // Always React's production build and JSX: built from the tests (NODE_ENV=test) the page got
  // React's development build, 40 % more JavaScript and a slower first render.
  oxc: { jsx: { runtime: "automatic", development: false } },
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    outDir: path.join(root, "dist"),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
    // The budget is gzip size of the first view (`npm run bench`, scenario tab); minified size is not it.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // Fluent UI marks its modules "use client" for React Server Components; a page bundle has none.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
    },
  },
});
