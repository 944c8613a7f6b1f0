import { Badge, MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { swedishDate, type Deadline } from "../api";

export const useViewStyles = makeStyles({
  filters: { display: "flex", flexWrap: "wrap", gap: "12px", alignItems: "flex-end", margin: "8px 0 16px" },
  table: { width: "100%", borderCollapse: "collapse" },
  muted: { color: tokens.colorNeutralForeground3 },
  section: { marginTop: "24px" },
  linkButton: {
    background: "none",
    border: "none",
    padding: 0,
    color: tokens.colorBrandForegroundLink,
    textDecoration: "underline",
    cursor: "pointer",
    font: "inherit",
  },
});

/** A plain HTML table drawn like Fluent's small table (tokens for colours, so every theme works). */
export const usePlainTableStyles = makeStyles({
  table: {
    width: "100%",
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    "& th": {
      textAlign: "left",
      fontWeight: tokens.fontWeightSemibold,
      padding: "6px 8px",
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    },
    "& td": {
      padding: "6px 8px",
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      verticalAlign: "top",
    },
    "& tbody tr:hover": { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
  /** A case reference or a date is read as one word: never broken over two lines. */
  nowrap: { whiteSpace: "nowrap" },
});

export function DeadlineText({ deadline }: { deadline: Deadline | null }) {
  if (!deadline) return <>–</>;
  return (
    <>
      {deadline.kind} {swedishDate(deadline.dueOn)} ({deadline.relative}){" "}
      {deadline.overdue && (
        <Badge color="danger" appearance="filled">
          Försenad
        </Badge>
      )}
    </>
  );
}

export function ErrorBar({ message }: { message: string }) {
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>{message}</MessageBarBody>
    </MessageBar>
  );
}
