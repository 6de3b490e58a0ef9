import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkEnv, env, EnvError } from "./env";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("env", () => {
  it("gives the documented defaults when a variable is unset or empty", () => {
    vi.stubEnv("PORT", undefined);
    vi.stubEnv("TRUSTED_PROXY_HOPS", "");
    vi.stubEnv("LOG_LEVEL", undefined);
    vi.stubEnv("WEBHOOK_ALLOW_PRIVATE_NETWORKS", undefined);
    expect([env.PORT, env.TRUSTED_PROXY_HOPS, env.LOG_LEVEL, env.WEBHOOK_ALLOW_PRIVATE_NETWORKS, env.DATABASE_SOCKET_DIR]).toEqual([3000, 1, "info", false, "/tmp"]);
  });

  it("reads a value set after import (tests and scripts set process.env at run time)", () => {
    vi.stubEnv("TRUSTED_PROXY_HOPS", "2");
    vi.stubEnv("LOG_LEVEL", "WARN");
    vi.stubEnv("WEBHOOK_ALLOW_PRIVATE_NETWORKS", "1");
    expect([env.TRUSTED_PROXY_HOPS, env.LOG_LEVEL, env.WEBHOOK_ALLOW_PRIVATE_NETWORKS]).toEqual([2, "warn", true]);
  });

  it("sees each change of a value it has read before, good to bad and back", () => {
    vi.stubEnv("TRUSTED_PROXY_HOPS", "2");
    expect(env.TRUSTED_PROXY_HOPS).toBe(2);
    expect(env.TRUSTED_PROXY_HOPS).toBe(2);
    vi.stubEnv("TRUSTED_PROXY_HOPS", "3");
    expect(env.TRUSTED_PROXY_HOPS).toBe(3);
    vi.stubEnv("TRUSTED_PROXY_HOPS", "11");
    expect(() => env.TRUSTED_PROXY_HOPS).toThrow(EnvError);
    expect(() => env.TRUSTED_PROXY_HOPS).toThrow(EnvError);
    vi.stubEnv("TRUSTED_PROXY_HOPS", undefined);
    expect(env.TRUSTED_PROXY_HOPS).toBe(1);
  });

  it.each([
    ["PORT", "abc", 'PORT="abc" is not valid: expected a port number from 1 to 65535'],
    ["PORT", "70000", 'PORT="70000" is not valid: expected a port number from 1 to 65535'],
    ["TRUSTED_PROXY_HOPS", "-1", 'TRUSTED_PROXY_HOPS="-1" is not valid: expected the number of proxies in front of the app, a whole number from 1 to 10'],
    ["DB_POOL_SIZE", "2.5", 'DB_POOL_SIZE="2.5" is not valid: expected a whole number from 1 to 1000'],
    ["LOG_LEVEL", "loud", 'LOG_LEVEL="loud" is not valid: expected one of trace, debug, info, warn, error, fatal, silent'],
    ["AUTH_URL", "crm.example.com", 'AUTH_URL="crm.example.com" is not valid: expected the app\'s public http(s) URL'],
  ] as const)("%s=%s fails on read, naming the variable and what it expects", (name, value, message) => {
    vi.stubEnv(name, value);
    expect(() => env[name]).toThrow(EnvError);
    expect(() => env[name]).toThrow(message);
  });

  it("keeps the SSRF guard shut for anything but WEBHOOK_ALLOW_PRIVATE_NETWORKS=1", () => {
    for (const value of ["0", "true", "yes", " 1"]) {
      vi.stubEnv("WEBHOOK_ALLOW_PRIVATE_NETWORKS", value);
      expect(env.WEBHOOK_ALLOW_PRIVATE_NETWORKS, value).toBe(false);
    }
  });

  it("never repeats a URL or secret that may carry a password", () => {
    vi.stubEnv("DATABASE_URL", "mysql://admin:hunter2@db/crm");
    expect(() => env.DATABASE_URL).toThrow("DATABASE_URL is not valid: expected a postgres:// or postgresql:// URL");
    expect(() => env.DATABASE_URL).not.toThrow(/hunter2/);
    vi.stubEnv("DATABASE_URL", "postgresql://admin:hunter2@db:5432/crm");
    expect(env.DATABASE_URL).toBe("postgresql://admin:hunter2@db:5432/crm");
  });

  it("checkEnv names every bad variable at once, and passes a good environment", () => {
    vi.stubEnv("PORT", "abc");
    vi.stubEnv("LOG_LEVEL", "loud");
    let error: unknown;
    try {
      checkEnv();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as EnvError).variables).toEqual(["PORT", "LOG_LEVEL"]);
    expect((error as EnvError).message).toMatch(/^2 environment variables are not valid[^\n]*\n {2}PORT="abc" is not valid.*\n {2}LOG_LEVEL="loud" is not valid/);
    vi.stubEnv("PORT", "8080");
    vi.stubEnv("LOG_LEVEL", "debug");
    expect(() => checkEnv()).not.toThrow();
  });

  it("is the README's Configuration table, variable for variable", () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, "../README.md"), "utf8");
    const table = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1));
    const documented = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(env).filter((name) => name !== "NODE_ENV").sort());
  });
});
