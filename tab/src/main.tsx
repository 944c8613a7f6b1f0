import { createRoot } from "react-dom/client";
import { Api, type Credentials } from "./api";
import { App } from "./App";
import { connectTeams, insideTeams, type TeamsHost } from "./teams";

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
  root.render(<App host={host} api={credentials ? new Api(credentials) : undefined} />);
  host?.loaded();
}

void start();
