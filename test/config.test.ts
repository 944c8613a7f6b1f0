import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

describe("configuration", () => {
  it("runs on embedded defaults in local mode, bound to loopback", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, DATA_DIR: "./data", localMode: true, bindHost: "127.0.0.1" });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.ALLOWED_TENANTS).toEqual([]);
  });

  it("binds to HOST (default all interfaces) once an app id is configured", () => {
    const base = { MicrosoftAppId: "id", MicrosoftAppPassword: "secret", MicrosoftAppTenantId: "tenant" };
    expect(loadConfig(base).bindHost).toBe("0.0.0.0");
    expect(loadConfig({ ...base, HOST: "10.0.0.5" }).bindHost).toBe("10.0.0.5");
    expect(loadConfig({ ...base, HOST: "10.0.0.5" }).localMode).toBe(false);
  });

  it("parses the tenant allow-list", () => {
    expect(loadConfig({ ALLOWED_TENANTS: " a , b,," }).ALLOWED_TENANTS).toEqual(["a", "b"]);
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ MicrosoftAppType: "Other" }, "MicrosoftAppType"],
    [{ MicrosoftAppId: "id" }, "MicrosoftAppPassword"],
    [{ MicrosoftAppId: "id", MicrosoftAppPassword: "p" }, "MicrosoftAppTenantId"],
  ])("refuses %o naming %s and what it expects", (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problem = (error as ConfigError).problems.find((p) => p.startsWith(variable));
    expect(problem).toBeDefined();
    expect(problem).toMatch(/förvänta|krävs/);
  });
});
