import { Button, Checkbox, Field, Input, Select, Spinner } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { ApiError, swedishDate, type Api, type CaseRow, type Me } from "../api";
import { DeadlineText, ErrorBar, usePlainTableStyles, useViewStyles } from "./shared";

const insatser = [
  ["sis-socialpsykiatri", "Alfa (socialpsykiatri)"],
  ["lss-insteg", "Iwork Insteg"],
  ["lss-sis", "Iwork (LSS)"],
  ["sysselsattning", "Sysselsättning"],
  ["uvas-kvinnor-sis", "Uppsökande (UVAS/kvinnor)"],
] as const;

const steps = [
  ["informationsmote", "Informationsmöte"],
  ["malgrupp", "Målgruppstillhörighet"],
  ["dur", "Utredning med DUR"],
  ["flerpartsmote", "Flerpartsmöte med Jobbtorg"],
  ["kriterier", "Kriterier"],
  ["beslut", "Beslut"],
  ["bestallning", "Beställning"],
  ["genomforandeplan", "Genomförandeplan"],
  ["uppfoljning", "Uppföljning"],
  ["avslut", "Avslut"],
] as const;

interface Filters {
  scope: "mine" | "team";
  status: "open" | "closed";
  insats: string;
  step: string;
  q: string;
  sort: "due" | "ref" | "closed";
  overdue: boolean;
}

const pageSize = 50;

/** The list's first page as the view first asks for it: main.tsx asks for it while the page loads. */
export const firstCasesPage = { status: "open", sort: "due", limit: pageSize, offset: 0 } as const;

/** "Mina ärenden": the caseworker's cases (a team leader's unit), with filters and sorting. */
export function CasesView({
  api,
  me,
  title,
  onOpen,
}: {
  api: Api;
  me: Me;
  title: string;
  onOpen: (id: string) => void;
}) {
  const styles = useViewStyles();
  const list = usePlainTableStyles();
  const caseworker = me.roles.some((role) => role.startsWith("Handläggare"));
  const [filters, setFilters] = useState<Filters>(() => ({
    scope: caseworker ? "mine" : "team",
    status: "open",
    insats: "",
    step: "",
    q: "",
    sort: "due",
    overdue: false,
  }));
  const [q, setQ] = useState("");
  const [result, setResult] = useState<{ total: number; rows: CaseRow[]; team: boolean }>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);

  // The search box waits for a pause in typing before it asks.
  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.q === q ? f : { ...f, q })), 250);
    return () => clearTimeout(timer);
  }, [q]);

  const load = (offset: number) => {
    setLoading(true);
    const params = {
      // The role's own default is left to the server, so the first page matches firstCasesPage.
      scope: filters.scope === (caseworker ? "mine" : "team") ? undefined : filters.scope,
      status: filters.status,
      insats: filters.insats,
      step: filters.step,
      q: filters.q,
      sort: filters.status === "closed" && filters.sort === "due" ? "closed" : filters.sort,
      overdue: filters.overdue ? "1" : undefined,
      limit: pageSize,
      offset,
    };
    api.get<{ total: number; rows: CaseRow[]; team: boolean }>("cases", params).then(
      (page) => {
        setError(undefined);
        setResult((previous) =>
          offset === 0 || !previous ? page : { ...page, rows: [...previous.rows, ...page.rows] },
        );
        setLoading(false);
      },
      (e: unknown) => {
        setError(e instanceof ApiError ? e.message : String(e));
        setLoading(false);
      },
    );
  };
  useEffect(() => load(0), [filters]);

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));
  const team = result?.team ?? filters.scope === "team";

  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title">
        {team && !caseworker ? title : filters.scope === "team" ? "Enhetens ärenden" : "Mina ärenden"}
      </h1>
      <div className={styles.filters} role="search" aria-label="Filtrera ärenden">
        <Field label="Sök ärendereferens">
          <Input value={q} onChange={(_, data) => setQ(data.value)} placeholder="t.ex. FA-2026" />
        </Field>
        {caseworker && me.leads && (
          <Field label="Visa">
            <Select
              value={filters.scope}
              onChange={(_, data) => set("scope", data.value as Filters["scope"])}
            >
              <option value="mine">Mina ärenden</option>
              <option value="team">Enhetens ärenden</option>
            </Select>
          </Field>
        )}
        <Field label="Status">
          <Select
            value={filters.status}
            onChange={(_, data) => set("status", data.value as Filters["status"])}
          >
            <option value="open">Öppna</option>
            <option value="closed">Avslutade senaste 90 dagarna</option>
          </Select>
        </Field>
        <Field label="Insats">
          <Select value={filters.insats} onChange={(_, data) => set("insats", data.value)}>
            <option value="">Alla insatser</option>
            {insatser.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Steg">
          <Select value={filters.step} onChange={(_, data) => set("step", data.value)}>
            <option value="">Alla steg</option>
            {steps.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Sortera">
          <Select value={filters.sort} onChange={(_, data) => set("sort", data.value as Filters["sort"])}>
            <option value="due">{filters.status === "closed" ? "Senast avslutade" : "Närmaste frist"}</option>
            <option value="ref">Ärendereferens</option>
          </Select>
        </Field>
        <Checkbox
          label="Bara försenade"
          checked={filters.overdue}
          onChange={(_, data) => set("overdue", data.checked === true)}
        />
      </div>
      {error && <ErrorBar message={error} />}
      {result && (
        <p aria-live="polite" className={styles.muted}>
          Visar {result.rows.length} av {result.total} ärenden.
        </p>
      )}
      {result && result.rows.length > 0 && (
        // A plain table: the list is the first view, and a hundred Fluent table cells took longer
        // to draw than the rest of the page (npm run bench -- tab); it looks and reads the same.
        <table className={list.table} aria-label={team ? "Enhetens ärenden" : "Mina ärenden"}>
          <thead>
            <tr>
              <th scope="col">Ärende</th>
              <th scope="col">Insats</th>
              <th scope="col">Steg</th>
              <th scope="col">{filters.status === "closed" ? "Avslutat" : "Nästa frist"}</th>
              <th scope="col">Hos Jobbtorg</th>
              {team && <th scope="col">Handläggare</th>}
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row) => (
              <tr key={row.id}>
                <td className={list.nowrap}>
                  <button type="button" className={styles.linkButton} onClick={() => onOpen(row.id)}>
                    {row.caseRef}
                  </button>
                </td>
                <td>{row.insats}</td>
                <td>
                  {row.stepTitle} ({row.stepNumber} av {row.stepCount})
                </td>
                <td>
                  {row.closedOn ? swedishDate(row.closedOn) : <DeadlineText deadline={row.nextDeadline} />}
                </td>
                <td>
                  {row.jobbtorg
                    ? `${row.jobbtorg.unit}: ${row.jobbtorg.assignee ?? row.jobbtorg.state}`
                    : "–"}
                </td>
                {team && <td>{row.caseworker}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result && result.rows.length === 0 && !loading && <p>Inga ärenden matchar filtret.</p>}
      {loading && <Spinner size="small" label="Hämtar ärenden…" />}
      {result && result.rows.length < result.total && !loading && (
        <Button onClick={() => load(result.rows.length)}>Visa fler</Button>
      )}
    </section>
  );
}
