import { Field, Select, Spinner } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { ApiError, swedishDate, type Api, type DeadlineItem, type TeamDeadlines } from "../api";
import { ErrorBar, usePlainTableStyles, useViewStyles } from "./shared";

/** "Teamets frister": the unit's open GP and follow-up deadlines, and Jobbtorg's unassigned orders. */
export function DeadlinesView({
  api,
  onOpen,
  canOpenCases,
}: {
  api: Api;
  onOpen: (id: string) => void;
  canOpenCases: boolean;
}) {
  const styles = useViewStyles();
  // Plain tables size their columns to the content (dates and case references stay on one line).
  const list = usePlainTableStyles();
  const [kind, setKind] = useState("");
  const [caseworker, setCaseworker] = useState("");
  // 50 per bucket first (the server's default); all of them (up to 500) when asked.
  const [all, setAll] = useState(false);
  const [data, setData] = useState<TeamDeadlines>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api.get<TeamDeadlines>("deadlines", { kind, caseworker, limit: all ? 500 : undefined }).then(
      (result) => {
        setError(undefined);
        setData(result);
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  }, [api, kind, caseworker, all]);

  const ref = (item: { caseId: string; caseRef: string; canOpen?: boolean }) =>
    canOpenCases && item.canOpen !== false ? (
      <button type="button" className={styles.linkButton} onClick={() => onOpen(item.caseId)}>
        {item.caseRef}
      </button>
    ) : (
      item.caseRef
    );

  const bucket = (id: string, title: string, items: DeadlineItem[], total: number) => (
    <section className={styles.section} aria-labelledby={id}>
      <h2 id={id}>
        {title} ({total})
      </h2>
      {items.length === 0 ? (
        <p>Inga frister.</p>
      ) : (
        <table className={list.table} aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">Ärende</th>
              <th scope="col">Frist</th>
              <th scope="col">Datum</th>
              <th scope="col">Insats</th>
              <th scope="col">Handläggare</th>
              <th scope="col">Jobbtorg</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={`${item.caseId}-${item.kind}-${item.dueOn}`}>
                <td className={list.nowrap}>{ref(item)}</td>
                <td>{item.kind}</td>
                <td>
                  {swedishDate(item.dueOn)} ({item.relative})
                </td>
                <td>{item.insats}</td>
                <td>{item.caseworker}</td>
                <td>{item.jobbtorg ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items.length < total && (
        <p className={styles.muted}>
          Visar de {items.length} första av {total}.{" "}
          {!all && (
            <button type="button" className={styles.linkButton} onClick={() => setAll(true)}>
              Visa alla frister
            </button>
          )}
        </p>
      )}
    </section>
  );

  return (
    <section aria-labelledby="deadlines-view-title">
      <h1 id="deadlines-view-title">Teamets frister</h1>
      {data && <p className={styles.muted}>{data.units.join(", ")}</p>}
      <div className={styles.filters} role="search" aria-label="Filtrera frister">
        <Field label="Frist">
          <Select value={kind} onChange={(_, d) => setKind(d.value)}>
            <option value="">Genomförandeplan och uppföljning</option>
            <option value="gp">Genomförandeplan</option>
            <option value="follow-up">Uppföljning</option>
          </Select>
        </Field>
        {data && (
          <Field label="Handläggare">
            <Select value={caseworker} onChange={(_, d) => setCaseworker(d.value)}>
              <option value="">Alla handläggare</option>
              {data.caseworkers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      {error && <ErrorBar message={error} />}
      {!data && !error && <Spinner label="Hämtar frister…" />}
      {data && (
        <>
          <section aria-labelledby="per-caseworker-title">
            <h2 id="per-caseworker-title">Per handläggare</h2>
            <table className={list.table} aria-labelledby="per-caseworker-title">
              <thead>
                <tr>
                  <th scope="col">Handläggare</th>
                  <th scope="col">Försenade</th>
                  <th scope="col">Den här veckan</th>
                  <th scope="col">Senare</th>
                </tr>
              </thead>
              <tbody>
                {data.caseworkers.map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
                    <td>{c.overdue}</td>
                    <td>{c.thisWeek}</td>
                    <td>{c.later}</td>
                  </tr>
                ))}
                <tr>
                  <td>
                    <strong>Totalt</strong>
                  </td>
                  <td>{data.totals.overdue}</td>
                  <td>{data.totals.thisWeek}</td>
                  <td>{data.totals.later}</td>
                </tr>
              </tbody>
            </table>
          </section>
          {bucket("overdue-title", "Försenade", data.overdue, data.totals.overdue)}
          {bucket(
            "week-title",
            `Den här veckan (till och med ${swedishDate(data.weekEnd)})`,
            data.thisWeek,
            data.totals.thisWeek,
          )}
          {bucket("later-title", "Senare", data.later, data.totals.later)}
          <section className={styles.section} aria-labelledby="unassigned-title">
            <h2 id="unassigned-title">
              Beställningar som Jobbtorg inte har tilldelat ({data.unassigned.length})
            </h2>
            {data.unassigned.length === 0 ? (
              <p>Inga otilldelade beställningar.</p>
            ) : (
              <table className={list.table} aria-labelledby="unassigned-title">
                <thead>
                  <tr>
                    <th scope="col">Ärende</th>
                    <th scope="col">Insats</th>
                    <th scope="col">Enhet</th>
                    <th scope="col">Beställd</th>
                    <th scope="col">GP senast</th>
                  </tr>
                </thead>
                <tbody>
                  {data.unassigned.map((order) => (
                    <tr key={`${order.caseId}-${order.orderedOn}`}>
                      <td className={list.nowrap}>{ref(order)}</td>
                      <td>{order.insats}</td>
                      <td>{order.unit}</td>
                      <td>{swedishDate(order.orderedOn)}</td>
                      <td>
                        {swedishDate(order.gpDueOn)} ({order.relative})
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </section>
  );
}
