/**
 * Runs jobs one at a time, in the background: a job asked for while another runs waits for it,
 * and replaces any job already waiting, so a burst of requests runs the latest once. A job's error
 * is reported to `onError`, never thrown.
 */
export class SerialJobs {
  #running: Promise<void> | undefined;
  #next: (() => Promise<void>) | undefined;
  #idle: Promise<void> = Promise.resolve();
  #resolveIdle: (() => void) | undefined;

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Runs `job` now if nothing runs, else once the running job ends (unless replaced meanwhile). */
  run(job: () => Promise<void>): void {
    if (!this.#resolveIdle) this.#idle = new Promise((resolve) => (this.#resolveIdle = resolve));
    this.#next = job;
    if (!this.#running) this.#running = this.#drain();
  }

  /** Settles once every job asked for so far has run. */
  idle(): Promise<void> {
    return this.#idle;
  }

  async #drain(): Promise<void> {
    while (this.#next) {
      const job = this.#next;
      this.#next = undefined;
      try {
        await job();
      } catch (error) {
        this.onError(error);
      }
    }
    this.#running = undefined;
    const resolve = this.#resolveIdle;
    this.#resolveIdle = undefined;
    resolve?.();
  }
}
