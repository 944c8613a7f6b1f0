import {
  Button,
  Link,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { ApiError, swedishDate, type Api, type CaseDetail } from "../api";
import type { TeamsHost } from "../teams";
import { DeadlineText, ErrorBar, useViewStyles } from "./shared";

const useStyles = makeStyles({
  facts: { display: "grid", gridTemplateColumns: "max-content 1fr", gap: "4px 16px", margin: 0 },
  term: { fontWeight: tokens.fontWeightSemibold },
  timeline: { paddingLeft: "20px", margin: 0, "& li": { marginBottom: "6px" } },
  decision: {
    whiteSpace: "pre-wrap",
    fontFamily: tokens.fontFamilyBase,
    background: tokens.colorNeutralBackground2,
    padding: "12px",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    maxHeight: "420px",
    overflow: "auto",
  },
});

const time = (iso: string) =>
  new Date(iso).toLocaleString("sv-SE", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Stockholm",
  });

/** One case: facts, open deadlines, timeline, decision text (with copy), orders, link to the chat. */
export function CaseDetailView({
  api,
  id,
  host,
  onBack,
}: {
  api: Api;
  id: string;
  host: TeamsHost | undefined;
  onBack: () => void;
}) {
  const styles = useStyles();
  const view = useViewStyles();
  const [detail, setDetail] = useState<CaseDetail>();
  const [error, setError] = useState<string>();
  const [copied, setCopied] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);
  const textRef = useRef<HTMLPreElement>(null);
  useEffect(() => {
    api
      .get<CaseDetail>(`cases/${id}`)
      .then(setDetail, (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [api, id]);
  useEffect(() => heading.current?.focus(), [detail]);

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Teams' frame may not grant the clipboard: select the text and copy the old way.
      const range = document.createRange();
      if (textRef.current) range.selectNodeContents(textRef.current);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      document.execCommand("copy");
    }
    setCopied("Beslutstexten är kopierad.");
  };

  const back = (
    <Button appearance="secondary" onClick={onBack}>
      Tillbaka till listan
    </Button>
  );
  if (error) {
    return (
      <section>
        <h1>Ärendet</h1>
        <ErrorBar message={error} />
        {back}
      </section>
    );
  }
  if (!detail) return <Spinner label="Hämtar ärendet…" />;
  return (
    <article aria-labelledby="case-title">
      {back}
      <h1 id="case-title" ref={heading} tabIndex={-1}>
        Ärende {detail.caseRef}
      </h1>
      <dl className={styles.facts}>
        <dt className={styles.term}>Insats</dt>
        <dd>{detail.insats}</dd>
        <dt className={styles.term}>Steg</dt>
        <dd>
          {detail.stepTitle} ({detail.stepNumber} av {detail.stepCount})
        </dd>
        <dt className={styles.term}>Handläggare</dt>
        <dd>
          {detail.caseworker}, {detail.unit}
        </dd>
        <dt className={styles.term}>Ansökan kom in</dt>
        <dd>{swedishDate(detail.receivedOn)}</dd>
        <dt className={styles.term}>{detail.closed ? "Avslutat" : "Nästa frist"}</dt>
        <dd>
          {detail.closed ? swedishDate(detail.closed.on) : <DeadlineText deadline={detail.nextDeadline} />}
        </dd>
      </dl>
      <p>
        {detail.chatLink ? (
          <Link
            href={detail.chatLink}
            target="_blank"
            onClick={(event) => {
              if (!host) return;
              event.preventDefault();
              host.openLink(detail.chatLink!);
            }}
          >
            Öppna ärendet i chatten med Insatsguiden
          </Link>
        ) : (
          <span className={view.muted}>
            Länken till chatten med Insatsguiden finns när fliken körs i Teams.
          </span>
        )}
      </p>

      <section className={view.section} aria-labelledby="deadlines-title">
        <h2 id="deadlines-title">Öppna frister</h2>
        {detail.deadlines.length === 0 ? (
          <p>Inga öppna frister.</p>
        ) : (
          <ul>
            {detail.deadlines.map((deadline) => (
              <li key={`${deadline.kind}-${deadline.dueOn}`}>
                <DeadlineText deadline={deadline} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className={view.section} aria-labelledby="timeline-title">
        <h2 id="timeline-title">Tidslinje</h2>
        <ol className={styles.timeline}>
          {detail.timeline.map((event) => (
            <li key={event.version}>
              <strong>{event.action}</strong>
              {event.detail ? ` – ${event.detail}` : ""} · {event.actor} ·{" "}
              <time dateTime={event.at}>{time(event.at)}</time>
            </li>
          ))}
        </ol>
      </section>

      <section className={view.section} aria-labelledby="decision-title">
        <h2 id="decision-title">Beslutstext</h2>
        {detail.decision?.text ? (
          <>
            <Button appearance="primary" onClick={() => void copy(detail.decision!.text!)}>
              Kopiera beslutstexten
            </Button>
            <span role="status" aria-live="polite" className={view.muted}>
              {" "}
              {copied}
            </span>
            <pre className={styles.decision} ref={textRef} tabIndex={0} aria-label="Beslutstextens innehåll">
              {detail.decision.text}
            </pre>
          </>
        ) : (
          <p>Inget beslut är registrerat än.</p>
        )}
      </section>

      <section className={view.section} aria-labelledby="orders-title">
        <h2 id="orders-title">Beställningar till Jobbtorg</h2>
        {detail.orders.length === 0 ? (
          <p>Inga beställningar.</p>
        ) : (
          <Table size="small" aria-labelledby="orders-title">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Enhet</TableHeaderCell>
                <TableHeaderCell>Beställd</TableHeaderCell>
                <TableHeaderCell>GP senast</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Arbetsspecialist</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {detail.orders.map((order) => (
                <TableRow key={`${order.orderedOn}-${order.unit}-${order.gpDueOn}`}>
                  <TableCell>{order.unit}</TableCell>
                  <TableCell>{swedishDate(order.orderedOn)}</TableCell>
                  <TableCell>{swedishDate(order.gpDueOn)}</TableCell>
                  <TableCell>
                    {order.state}
                    {order.gpSentOn ? ` ${swedishDate(order.gpSentOn)}` : ""}
                  </TableCell>
                  <TableCell>{order.assignee ?? "–"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </article>
  );
}
