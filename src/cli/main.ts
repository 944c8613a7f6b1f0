import "dotenv/config";

// restify 11 touches process.binding('http_parser') on import; the warning means nothing to users.
process.noDeprecation = true;
const { runCli } = await import("./run.js");

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
process.exitCode = code;
