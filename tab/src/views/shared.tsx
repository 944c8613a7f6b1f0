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
