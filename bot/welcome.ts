/**
 * The welcome and help cards fit the person and the place: a caseworker, a work specialist, a
 * team leader and an admin each see what they can do, and a team channel is told how to link it
 * to a unit. Channel cards name no one.
 */
import type { z } from "zod";
import type { welcomeCard } from "../cards/basic.js";
import { hasRole, type DirectoryUser } from "../src/directory/directory.js";
import type { ConversationScope } from "./turn.js";

type WelcomeData = z.input<(typeof welcomeCard)["schema"]>;

const process =
  "Jag guidar genom insatsprocessen för stöd till arbete och studier: ansökan, informationsmöte, utredning, flerpartsmöte, beslut, beställning till Jobbtorg, genomförandeplan och uppföljning var sjätte månad.";

const help = { title: "Hjälp", verb: "help.show" };

/** The welcome card's data for `user` (undefined when unknown or in a shared conversation). */
export function welcomeData(user: DirectoryUser | undefined, scope: ConversationScope): WelcomeData {
  if (scope === "channel") {
    return {
      intro:
        "Här i teamkanalen kan gruppledaren få enhetens påminnelser om frister, nya beställningar och en daglig sammanfattning.",
      facts: [
        {
          title: "Koppla kanalen",
          value:
            "Gruppledaren skriver @Insatsguiden koppla kanal och enhetens namn, t.ex. koppla kanal alfa eller koppla kanal socialpsykiatri Farsta.",
        },
        { title: "Frister nu", value: "@Insatsguiden frister visar enhetens öppna frister." },
        {
          title: "Ärenden",
          value: "Ny ansökan och ärendekort görs i den personliga chatten med Insatsguiden.",
        },
      ],
      actions: [help],
      greeting: "",
    };
  }
  const facts: { title: string; value: string }[] = [];
  const actions: { title: string; verb: string }[] = [];
  if (user && hasRole(user, "handlaggare")) {
    facts.push({
      title: "Som handläggare",
      value: "Registrera ansökningar och driv ärendet steg för steg, med beslutstext och påminnelser.",
    });
    actions.push({ title: "Ny ansökan", verb: "case.new" }, { title: "Mina ärenden", verb: "case.mine" });
  }
  if (user && hasRole(user, "arbetsspecialist")) {
    facts.push({
      title: "Som arbetsspecialist",
      value:
        "Ta beställningar från handläggare (skriv nya beställningar) och rapportera när genomförandeplanen är skickad.",
    });
  }
  if (user && hasRole(user, "gruppledare")) {
    facts.push({
      title: "Som gruppledare",
      value:
        "Skriv frister för enhetens öppna frister, teamets ärenden för ärendena, och koppla kanal och enhetens namn i teamkanalen.",
    });
  }
  if (user && hasRole(user, "admin")) {
    facts.push({
      title: "Som administratör",
      value: "Koppla kanaler för alla enheter och se alla enheters frister.",
    });
  }
  if (!user || scope === "personal") {
    facts.push({ title: "Frågor", value: 'Fråga vem som kan få en insats, t.ex. "Vem kan få Bron?"' });
  }
  actions.push(help);
  return {
    intro: process,
    facts,
    actions: scope === "personal" ? actions : [help],
    greeting:
      user && scope === "personal"
        ? `Hej ${user.displayName.split(" ")[0]}! Skriv **hjälp** för att komma igång.`
        : "",
  };
}
