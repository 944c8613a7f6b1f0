/** The parts of @nlpjs/lang-sv (plain JavaScript, no types) that the question answering uses. */
declare module "@nlpjs/lang-sv" {
  export class StemmerSv {
    stemWord(word: string): string;
    setCurrent(word: string): void;
    innerStem(): boolean;
    getCurrent(): string;
  }
  export class StopwordsSv {
    dictionary: Record<string, boolean>;
  }
}
