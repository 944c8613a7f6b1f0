import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { directoryFileSchema, type Directory, type DirectoryUser } from "./directory.js";

/** The documented example with demo users, copied to DATA_DIR on first start. */
export const demoDirectoryFile = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "demo-directory.json",
);

export class DirectoryFileError extends Error {
  constructor(file: string, problem: string) {
    super(`Katalogfilen ${file} är ogiltig: ${problem}`);
    this.name = "DirectoryFileError";
  }
}

export interface LocalFileDirectoryOptions {
  /** How long a read of the file is trusted before its modification time is checked again (ms). */
  recheckMs?: number;
  now?: () => number;
}

/**
 * The embedded directory: a JSON file keyed by Entra object id.
 * @remarks The file is re-read when its modification time changes, so an administrator can
 * add a user without restarting the bot. Its time is checked at most once a second: every turn
 * looks a user up, and a stat per turn was a percent of a case step's CPU.
 */
export class LocalFileDirectory implements Directory {
  private cache: { mtimeMs: number; checkedAt: number; users: Map<string, DirectoryUser> } | undefined;
  private readonly recheckMs: number;
  private readonly now: () => number;

  constructor(
    private readonly file: string,
    options: LocalFileDirectoryOptions = {},
  ) {
    this.recheckMs = options.recheckMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** Creates `file` from the demo directory when it does not exist yet. */
  static ensure(file: string, options: LocalFileDirectoryOptions = {}): LocalFileDirectory {
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.copyFileSync(demoDirectoryFile, file);
    }
    const directory = new LocalFileDirectory(file, options);
    directory.load();
    return directory;
  }

  async findUser(id: string): Promise<DirectoryUser | undefined> {
    return this.load().get(id);
  }

  async listUsers(): Promise<DirectoryUser[]> {
    return [...this.load().values()];
  }

  private load(): Map<string, DirectoryUser> {
    const now = this.now();
    if (this.cache && now - this.cache.checkedAt < this.recheckMs) return this.cache.users;
    const mtimeMs = fs.statSync(this.file).mtimeMs;
    if (this.cache && this.cache.mtimeMs === mtimeMs) {
      this.cache.checkedAt = now;
      return this.cache.users;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(this.file, "utf8"));
    } catch (error) {
      throw new DirectoryFileError(this.file, `inte giltig JSON (${(error as Error).message})`);
    }
    const parsed = directoryFileSchema.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new DirectoryFileError(this.file, `${first?.path.join(".")}: ${first?.message}`);
    }
    const users = new Map(parsed.data.users.map((user) => [user.id, user]));
    this.cache = { mtimeMs, checkedAt: now, users };
    return users;
  }
}
