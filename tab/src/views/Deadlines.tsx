import {
  Field,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { ApiError, swedishDate, type Api, type DeadlineItem, type TeamDeadlines } from "../api";
import { ErrorBar, useViewStyles } from "./shared";

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
  const [kind, setKind] = useState("");
  const [caseworker, setCaseworker] = useState("");
  const [data, setData] = useState<TeamDeadlines>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api.get<TeamDeadlines>("deadlines", { kind, caseworker }).then(
      (result) => {
        setError(undefined);
        setData(result);
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  }, [api, kind, caseworker]);

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
        <Table size="small" aria-labelledby={id}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Ärende</TableHeaderCell>
              <TableHeaderCell>Frist</TableHeaderCell>
              <TableHeaderCell>Datum</TableHeaderCell>
              <TableHeaderCell>Insats</TableHeaderCell>
              <TableHeaderCell>Handläggare</TableHeaderCell>
              <TableHeaderCell>Jobbtorg</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((item) => (
              <TableRow key={`${item.caseId}-${item.kind}-${item.dueOn}`}>
                <TableCell>{ref(item)}</TableCell>
                <TableCell>{item.kind}</TableCell>
                <TableCell>
                  {swedishDate(item.dueOn)} ({item.relative})
                </TableCell>
                <TableCell>{item.insats}</TableCell>
                <TableCell>{item.caseworker}</TableCell>
                <TableCell>{item.jobbtorg ?? "–"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {items.length < total && (
        <p className={styles.muted}>
          Visar de {items.length} första av {total}.
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
            <Table size="small" aria-labelledby="per-caseworker-title">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Handläggare</TableHeaderCell>
                  <TableHeaderCell>Försenade</TableHeaderCell>
                  <TableHeaderCell>Den här veckan</TableHeaderCell>
                  <TableHeaderCell>Senare</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.caseworkers.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell>{c.name}</TableCell>
                    <TableCell>{c.overdue}</TableCell>
                    <TableCell>{c.thisWeek}</TableCell>
                    <TableCell>{c.later}</TableCell>
                  </TableRow>
                ))}
                <TableRow>
                  <TableCell>
                    <strong>Totalt</strong>
                  </TableCell>
                  <TableCell>{data.totals.overdue}</TableCell>
                  <TableCell>{data.totals.thisWeek}</TableCell>
                  <TableCell>{data.totals.later}</TableCell>
                </TableRow>
              </TableBody>
            </Table>
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
              <Table size="small" aria-labelledby="unassigned-title">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Ärende</TableHeaderCell>
                    <TableHeaderCell>Insats</TableHeaderCell>
                    <TableHeaderCell>Enhet</TableHeaderCell>
                    <TableHeaderCell>Beställd</TableHeaderCell>
                    <TableHeaderCell>GP senast</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.unassigned.map((order) => (
                    <TableRow key={`${order.caseId}-${order.orderedOn}`}>
                      <TableCell>{ref(order)}</TableCell>
                      <TableCell>{order.insats}</TableCell>
                      <TableCell>{order.unit}</TableCell>
                      <TableCell>{swedishDate(order.orderedOn)}</TableCell>
                      <TableCell>
                        {swedishDate(order.gpDueOn)} ({order.relative})
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </section>
        </>
      )}
    </section>
  );
}
