import {
  Button,
  Field,
  Input,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
} from "@fluentui/react-components";
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { ApiError, swedishDate, type Api, type Count, type FollowUp, type GenderRow } from "../api";
import { ErrorBar, useViewStyles } from "./shared";

// Only the parts of Chart.js the bar charts use, so the chunk stays small.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const useStyles = makeStyles({
  pair: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(320px, 1fr))",
    gap: "16px",
    alignItems: "start",
  },
  chart: { position: "relative", height: "300px" },
});

/** Colours with at least 3:1 contrast against the light and dark backgrounds, told apart by more than hue. */
const palette = ["#4f6bed", "#c4314b", "#13a10e"];

const shown = (count: Count) => (count === "x" ? null : count);

/** A table cell's count; a hidden one says so to a screen reader too. */
function CountText({ count }: { count: Count | null }) {
  return count === "x" || count === null ? (
    <abbr title="Dolt, se förklaringen ovan">x</abbr>
  ) : (
    <>{number.format(count)}</>
  );
}

interface Series {
  label: string;
  values: (number | null)[];
}

/** Swedish number format: 14,5 (not 14.5). */
const number = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 1 });

function BarChart({
  labels,
  series,
  summary,
  unit,
}: {
  labels: string[];
  series: Series[];
  summary: string;
  /** What the bars count, on the value axis (a number without its unit says nothing). */
  unit: string;
}) {
  const styles = useStyles();
  const view = useViewStyles();
  const canvas = useRef<HTMLCanvasElement>(null);
  // Redraw when the numbers change, not on every render (the arrays are rebuilt each time).
  const key = JSON.stringify([labels, series, unit]);
  const missing = series.some((s) => s.values.some((v) => v === null));
  useEffect(() => {
    if (!canvas.current) return;
    const style = getComputedStyle(canvas.current);
    const text = style.getPropertyValue("--colorNeutralForeground1").trim() || "#242424";
    const grid = style.getPropertyValue("--colorNeutralStroke2").trim() || "#e0e0e0";
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: palette[i % palette.length],
          borderColor: text,
          borderWidth: i === 1 ? 1 : 0,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: "sv-SE",
        plugins: { legend: { labels: { color: text } } },
        scales: {
          x: { ticks: { color: text }, grid: { color: grid } },
          y: {
            beginAtZero: true,
            title: { display: true, text: unit, color: text },
            ticks: { color: text, precision: 0 },
            grid: { color: grid },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [key]);
  return (
    <div>
      <div className={styles.chart}>
        <canvas ref={canvas} role="img" aria-label={summary} />
      </div>
      {missing && (
        <p className={view.muted}>
          Där ett antal är dolt (x i tabellen) saknas stapeln; den betyder inte noll.
        </p>
      )}
    </div>
  );
}

function Section({
  id,
  title,
  chart,
  table,
  onCsv,
}: {
  id: string;
  title: string;
  chart: ReactNode;
  table: ReactNode;
  onCsv: () => void;
}) {
  const styles = useStyles();
  const view = useViewStyles();
  return (
    <section className={view.section} aria-labelledby={id} data-chart-section={id}>
      <h2 id={id}>{title}</h2>
      <div className={styles.pair}>
        {chart}
        <div>
          {table}
          <Button appearance="secondary" onClick={onCsv}>
            Ladda ner CSV
          </Button>
        </div>
      </div>
    </section>
  );
}

/** Rows per group with one column per gender, as both the chart and the table read them. */
function genderTable(id: string, groupTitle: string, rows: GenderRow[]) {
  return (
    <Table size="small" aria-labelledby={id}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{groupTitle}</TableHeaderCell>
          <TableHeaderCell>Kön</TableHeaderCell>
          <TableHeaderCell>Beslut</TableHeaderCell>
          <TableHeaderCell>Beviljade</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={`${row.group}-${row.gender}`}>
            <TableCell>{row.group}</TableCell>
            <TableCell>{row.gender}</TableCell>
            <TableCell>
              <CountText count={row.decisions} />
            </TableCell>
            <TableCell>
              <CountText count={row.granted} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function genderSeries(rows: GenderRow[]): { labels: string[]; series: Series[] } {
  const labels = [...new Set(rows.map((r) => r.group))];
  const genders = [...new Set(rows.map((r) => r.gender))];
  return {
    labels,
    series: genders.map((gender) => ({
      label: `Beviljade, ${gender.toLowerCase()}`,
      values: labels.map((group) =>
        shown(rows.find((r) => r.group === group && r.gender === gender)?.granted ?? 0),
      ),
    })),
  };
}

function yearAgo(today: string): string {
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() - 1);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** "Uppföljning": decisions and grants by gender, per district, and Jobbtorg's queue and speed. */
export default function FollowUpView({ api, today }: { api: Api; today: string }) {
  const view = useViewStyles();
  const [from, setFrom] = useState(() => yearAgo(today));
  const [to, setTo] = useState(today);
  const [period, setPeriod] = useState({ from: yearAgo(today), to: today });
  const [data, setData] = useState<FollowUp>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setData(undefined);
    api.get<FollowUp>("follow-up", period).then(
      (result) => {
        setError(undefined);
        setData(result);
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  }, [api, period]);

  const csv = async (table: string) => {
    try {
      const response = await api.raw("follow-up", { ...period, table });
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = `uppfoljning-${table}-${period.from}-${period.to}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  const insats = data && genderSeries(data.byInsats);
  const districtGender = data && genderSeries(data.byDistrictGender);
  return (
    <section aria-labelledby="follow-up-title">
      <h1 id="follow-up-title">Uppföljning</h1>
      {data && <p className={view.muted}>{data.units.join(", ")}</p>}
      <form
        className={view.filters}
        aria-label="Välj period"
        onSubmit={(event) => {
          event.preventDefault();
          setPeriod({ from, to });
        }}
      >
        <Field label="Från">
          <Input type="date" value={from} onChange={(_, d) => setFrom(d.value)} required />
        </Field>
        <Field label="Till">
          <Input type="date" value={to} onChange={(_, d) => setTo(d.value)} required />
        </Field>
        <Button type="submit" appearance="primary">
          Visa perioden
        </Button>
      </form>
      <p className={view.muted}>
        x = dolt så att ingen enskild kan pekas ut: antal under 5, och antal som annars skulle låta ett dolt
        antal räknas fram ur summorna. Beviljade = bifall och delavslag.
      </p>
      {error && <ErrorBar message={error} />}
      {!data && !error && <Spinner label="Hämtar uppföljningen…" />}
      {data && insats && districtGender && (
        <>
          <p>
            Period: {swedishDate(data.from)} – {swedishDate(data.to)}
          </p>
          <Section
            id="by-insats-title"
            title="Beslut och beviljade insatser per insats och kön"
            chart={
              <BarChart
                labels={insats.labels}
                series={insats.series}
                summary="Stapeldiagram: beviljade insatser per insats och kön. Siffrorna finns i tabellen bredvid."
                unit="Antal beviljade"
              />
            }
            table={genderTable("by-insats-title", "Insats", data.byInsats)}
            onCsv={() => void csv("insats")}
          />
          <Section
            id="by-district-gender-title"
            title="Beslut och beviljade insatser per stadsdel och kön"
            chart={
              <BarChart
                labels={districtGender.labels}
                series={districtGender.series}
                summary="Stapeldiagram: beviljade insatser per stadsdel och kön. Siffrorna finns i tabellen bredvid."
                unit="Antal beviljade"
              />
            }
            table={genderTable("by-district-gender-title", "Stadsdel", data.byDistrictGender)}
            onCsv={() => void csv("district-gender")}
          />
          <Section
            id="per-district-title"
            title="Beslut per stadsdel (likvärdig tillgång)"
            chart={
              <BarChart
                labels={data.perDistrict.map((r) => r.district)}
                series={[
                  { label: "Beslut", values: data.perDistrict.map((r) => shown(r.decisions)) },
                  { label: "Beviljade", values: data.perDistrict.map((r) => shown(r.granted)) },
                ]}
                summary="Stapeldiagram: beslut och beviljade per stadsdel. Siffrorna finns i tabellen bredvid."
                unit="Antal"
              />
            }
            table={
              <Table size="small" aria-labelledby="per-district-title">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Stadsdel</TableHeaderCell>
                    <TableHeaderCell>Beslut</TableHeaderCell>
                    <TableHeaderCell>Beviljade</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.perDistrict.map((row) => (
                    <TableRow key={row.district}>
                      <TableCell>{row.district}</TableCell>
                      <TableCell>
                        <CountText count={row.decisions} />
                      </TableCell>
                      <TableCell>
                        <CountText count={row.granted} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            }
            onCsv={() => void csv("district")}
          />
          <Section
            id="jobbtorg-title"
            title="Jobbtorg: kö, tid till tilldelning och till genomförandeplan"
            chart={
              <BarChart
                labels={data.jobbtorg.map((r) => r.unit)}
                series={[
                  {
                    label: "Median dagar till tilldelning",
                    values: data.jobbtorg.map((r) => r.daysToAssignment.median),
                  },
                  { label: "Median dagar till GP", values: data.jobbtorg.map((r) => r.daysToGp.median) },
                ]}
                summary="Stapeldiagram: Jobbtorgs mediantider i dagar per enhet. Kön och siffrorna finns i tabellen bredvid."
                unit="Dagar (median)"
              />
            }
            table={
              <Table size="small" aria-labelledby="jobbtorg-title">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Enhet</TableHeaderCell>
                    <TableHeaderCell>I kö nu</TableHeaderCell>
                    <TableHeaderCell>Beställningar</TableHeaderCell>
                    <TableHeaderCell>Median dagar till tilldelning</TableHeaderCell>
                    <TableHeaderCell>Median dagar till GP</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.jobbtorg.map((row) => (
                    <TableRow key={row.unit}>
                      <TableCell>{row.unit}</TableCell>
                      <TableCell>
                        <CountText count={row.queue} />
                      </TableCell>
                      <TableCell>
                        <CountText count={row.ordered} />
                      </TableCell>
                      <TableCell>
                        <CountText count={row.daysToAssignment.median} />
                      </TableCell>
                      <TableCell>
                        <CountText count={row.daysToGp.median} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            }
            onCsv={() => void csv("jobbtorg")}
          />
        </>
      )}
    </section>
  );
}
