/**
 * Runs `round` now and then every `intervalMs` after the previous round ended, until stopped; a
 * failed round goes to `onError` and the loop goes on. An interval of 0 never starts.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private polling = false;
  private stopRequested = false;

  constructor(
    private readonly intervalMs: number,
    private readonly round: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** stop() was called: a round in progress should take on nothing more. */
  get stopping(): boolean {
    return this.stopRequested;
  }

  start(): void {
    if (this.polling || this.intervalMs === 0) return;
    this.polling = true;
    this.stopRequested = false;
    const loop = async () => {
      try {
        await this.round();
      } catch (error) {
        this.onError(error);
      }
      if (this.polling) this.timer = setTimeout(() => (this.running = loop()), this.intervalMs);
    };
    this.running = loop();
  }

  /** Stops polling and waits for the round in progress to finish. */
  async stop(): Promise<void> {
    this.polling = false;
    this.stopRequested = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
