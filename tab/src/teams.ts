/**
 * Teams integration (@microsoft/teams-js): initialize, follow the theme, single sign-on.
 * Outside Teams (a plain browser tab) the library is not even loaded — on import it fetches its
 * list of Teams hosts from Microsoft's CDN — and the page offers the local demo users.
 */
export type ThemeName = "default" | "dark" | "contrast";

/** True when the page runs inside a Teams client (a frame on the web and desktop, a webview on mobile). */
export function insideTeams(): boolean {
  return window.parent !== window || "nativeInterface" in window;
}

export interface TeamsHost {
  theme: ThemeName;
  onThemeChange(listener: (theme: ThemeName) => void): void;
  token(): Promise<string>;
  openLink(url: string): void;
  /** Tells Teams the tab has rendered (it shows a loading indicator until then). */
  loaded(): void;
}

function themeName(theme: string | undefined): ThemeName {
  return theme === "dark" ? "dark" : theme === "contrast" ? "contrast" : "default";
}

export async function connectTeams(): Promise<TeamsHost> {
  const { app, authentication } = await import("@microsoft/teams-js");
  await app.initialize();
  const context = await app.getContext();
  let cached: { token: string; until: number } | undefined;
  return {
    theme: themeName(context.app.theme),
    onThemeChange(listener) {
      app.registerOnThemeChangeHandler((theme) => listener(themeName(theme)));
    },
    async token() {
      // Teams caches the token too; keeping it here saves a round trip to the host per request.
      if (cached && cached.until > Date.now()) return cached.token;
      const token = await authentication.getAuthToken();
      cached = { token, until: Date.now() + 5 * 60_000 };
      return token;
    },
    openLink(url) {
      void app.openLink(url);
    },
    loaded() {
      app.notifySuccess();
    },
  };
}
