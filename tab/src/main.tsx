import { createRoot } from "react-dom/client";
import { Api, type Credentials } from "./api";
import { App } from "./App";
import { connectTeams, insideTeams, type TeamsHost } from "./teams";
import { firstCasesPage } from "./views/Cases";

const root = createRoot(document.getElementById("root")!);

async function start(): Promise<void> {
  let host: TeamsHost | undefined;
  if (insideTeams()) {
    try {
      host = await connectTeams();
    } catch {
      host = undefined;
    }
  }
  const credentials: Credentials | undefined = host
    ? { kind: "teams", token: () => host.token() }
    : sessionStorage.getItem("insatsguiden-demo-user")
      ? { kind: "demo", userId: sessionStorage.getItem("insatsguiden-demo-user")! }
      : undefined;
  const api = credentials ? new Api(credentials) : undefined;
  // Who is asking and the first page of cases are asked for together, before React draws anything;
  // the views take these answers instead of asking one after the other.
  api?.prefetch("me");
  if (api && (location.hash === "" || location.hash === "#/arenden")) api.prefetch("cases", firstCasesPage);
  root.render(<App host={host} api={api} />);
  host?.loaded();
}

void start();
