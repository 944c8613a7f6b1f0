import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
} from "@fluentui/react-components";
import { Suspense, lazy, useEffect, useState } from "react";
import type { Api } from "./api";
import { ApiError, demoUsers, type Me } from "./api";
import type { TeamsHost, ThemeName } from "./teams";
import { CaseDetailView } from "./views/CaseDetail";
import { CasesView } from "./views/Cases";
import { DeadlinesView } from "./views/Deadlines";

// The charts (and their library) load only when Uppföljning is opened: the first view stays small.
const FollowUpView = lazy(() => import("./views/FollowUp"));

const themes = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

const useStyles = makeStyles({
  page: { minHeight: "100vh", padding: "16px 24px", boxSizing: "border-box" },
  header: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: "12px", marginBottom: "8px" },
  who: { marginLeft: "auto", color: tokens.colorNeutralForeground2 },
  chooser: { display: "grid", gap: "8px", maxWidth: "560px", marginTop: "16px" },
  userButton: { justifyContent: "flex-start", textAlign: "left", minHeight: "48px" },
});

/** Outside Teams: the theme the browser asks for. */
function browserTheme(): ThemeName {
  if (window.matchMedia?.("(forced-colors: active)").matches) return "contrast";
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "default";
}

type Route = { view: "cases" } | { view: "case"; id: string } | { view: "deadlines" } | { view: "follow-up" };

function parseRoute(hash: string): Route | undefined {
  const [, view, id] = /^#\/([a-z-]+)(?:\/([0-9a-f-]{36}))?$/.exec(hash) ?? [];
  if (view === "arenden" && id) return { view: "case", id };
  if (view === "arenden") return { view: "cases" };
  if (view === "frister") return { view: "deadlines" };
  if (view === "uppfoljning") return { view: "follow-up" };
  return undefined;
}

export function routeHash(route: Route): string {
  switch (route.view) {
    case "case":
      return `#/arenden/${route.id}`;
    case "cases":
      return "#/arenden";
    case "deadlines":
      return "#/frister";
    case "follow-up":
      return "#/uppfoljning";
  }
}

const viewTitles = {
  cases: "Mina ärenden",
  deadlines: "Teamets frister",
  "follow-up": "Uppföljning",
} as const;

export function App({ host, api }: { host: TeamsHost | undefined; api: Api | undefined }) {
  const [theme, setTheme] = useState<ThemeName>(host?.theme ?? browserTheme());
  useEffect(() => host?.onThemeChange(setTheme), [host]);
  const styles = useStyles();
  return (
    <FluentProvider theme={themes[theme]} className={styles.page} lang="sv" data-theme={theme}>
      {api ? <Signed api={api} host={host} /> : <DemoChooser />}
    </FluentProvider>
  );
}

function Signed({ api, host }: { api: Api; host: TeamsHost | undefined }) {
  const styles = useStyles();
  const [me, setMe] = useState<Me>();
  const [error, setError] = useState<string>();
  // A demo user the server does not take at all (an app id is set, or not asked from this machine):
  // choosing another would not help, so the page does not offer it.
  const [demoRefused, setDemoRefused] = useState(false);
  const [route, setRoute] = useState<Route | undefined>(parseRoute(location.hash));
  useEffect(() => {
    api.get<Me>("me").then(setMe, (e: unknown) => {
      if (e instanceof ApiError && e.status === 401 && !host) {
        sessionStorage.removeItem("insatsguiden-demo-user");
        setDemoRefused(true);
      }
      setError(e instanceof ApiError ? e.message : String(e));
    });
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, [api, host]);
  useEffect(() => {
    if (me?.views[0]) document.title = `Insatsguiden – ${viewTitles[me.views[0]]}`;
  }, [me]);
  if (error) {
    return (
      <main>
        <h1>Insatsguiden</h1>
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
        {!host && !demoRefused && <SwitchUser />}
      </main>
    );
  }
  if (!me) return <Spinner label="Hämtar Insatsguiden…" />;
  if (me.views.length === 0) {
    return (
      <main>
        <h1>Insatsguiden</h1>
        <p>
          Fliken har vyer för handläggare, gruppledare och administratörer. Som arbetsspecialist hittar du
          dina beställningar i chatten med Insatsguiden (”mina beställningar”).
        </p>
        {!host && <SwitchUser />}
      </main>
    );
  }
  const current = route && (route.view === "case" ? "cases" : route.view);
  const view = current && me.views.includes(current) ? current : me.views[0]!;
  const go = (next: Route) => {
    location.hash = routeHash(next);
  };
  const caseTitle =
    me.views.includes("cases") && me.leads && !me.roles.some((r) => r.startsWith("Handläggare"))
      ? "Enhetens ärenden"
      : "Mina ärenden";
  return (
    <>
      <header className={styles.header}>
        <TabList
          selectedValue={view}
          onTabSelect={(_, data) => go({ view: data.value as "cases" | "deadlines" | "follow-up" })}
          aria-label="Vyer"
        >
          {me.views.map((v) => (
            <Tab key={v} value={v}>
              {v === "cases" ? caseTitle : viewTitles[v]}
            </Tab>
          ))}
        </TabList>
        <Text className={styles.who} size={200}>
          {me.displayName} · {me.roles.join(", ")}
        </Text>
        {!host && <SwitchUser compact />}
      </header>
      <main>
        {view === "cases" && route?.view === "case" ? (
          <CaseDetailView api={api} id={route.id} host={host} onBack={() => go({ view: "cases" })} />
        ) : view === "cases" ? (
          <CasesView api={api} me={me} title={caseTitle} onOpen={(id) => go({ view: "case", id })} />
        ) : view === "deadlines" ? (
          <DeadlinesView
            api={api}
            onOpen={(id) => go({ view: "case", id })}
            canOpenCases={me.views.includes("cases")}
          />
        ) : (
          <Suspense fallback={<Spinner label="Hämtar uppföljningen…" />}>
            <FollowUpView api={api} today={me.today} />
          </Suspense>
        )}
      </main>
    </>
  );
}

function SwitchUser({ compact = false }: { compact?: boolean }) {
  return (
    <Button
      appearance={compact ? "subtle" : "secondary"}
      onClick={() => {
        sessionStorage.removeItem("insatsguiden-demo-user");
        location.hash = "";
        location.reload();
      }}
    >
      Byt demoanvändare
    </Button>
  );
}

/** Local mode on this machine only: choose who to be. In Teams, single sign-on decides. */
function DemoChooser() {
  const styles = useStyles();
  const [users, setUsers] = useState<{ id: string; displayName: string; roles: string[] }[] | null>();
  useEffect(() => {
    void demoUsers().then((list) => setUsers(list ?? null));
  }, []);
  if (users === undefined) return <Spinner label="Hämtar Insatsguiden…" />;
  if (users === null) {
    return (
      <main>
        <h1>Insatsguiden</h1>
        <p>Öppna Insatsguiden som flik i Microsoft Teams. Du loggas in med ditt Teams-konto.</p>
      </main>
    );
  }
  return (
    <main>
      <h1>Insatsguiden – lokalt läge</h1>
      <p>
        Utanför Teams, i lokalt läge på den här datorn, väljer du vem du är. I Teams loggas du in med ditt
        konto.
      </p>
      <h2>Välj demoanvändare</h2>
      <div className={styles.chooser}>
        {users.map((user) => (
          <Button
            key={user.id}
            className={styles.userButton}
            onClick={() => {
              sessionStorage.setItem("insatsguiden-demo-user", user.id);
              location.reload();
            }}
          >
            {user.displayName} – {user.roles.join(", ")}
          </Button>
        ))}
      </div>
    </main>
  );
}
