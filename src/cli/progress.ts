/** Where a progress bar draws, and when: injected so tests need no terminal or clock. */
export interface ProgressOptions {
  stream: NodeJS.WriteStream;
  /** Draw only on a terminal. */
  enabled: boolean;
  /** Milliseconds before the bar first appears (short imports stay quiet). */
  delay: number;
  now: () => number;
}

const defaults = (): ProgressOptions => ({
  stream: process.stderr,
  enabled: Boolean(process.stderr.isTTY),
  delay: 2000,
  now: () => Date.now(),
});

/**
 * A progress bar on stderr for long imports: bytes read out of the total, and the event count.
 * It appears after `delay` ms, redraws at most 10 times a second and is quiet off a terminal.
 */
export class Progress {
  private readonly opts: ProgressOptions;
  private readonly start: number;
  private last = 0;
  private shown = false;
  bytes = 0;
  events = 0;

  constructor(
    private readonly totalBytes: number,
    options: Partial<ProgressOptions> = {},
  ) {
    this.opts = { ...defaults(), ...options };
    this.start = this.opts.now();
  }

  /** Note progress; draws when due. */
  tick(): void {
    if (!this.opts.enabled) return;
    const now = this.opts.now();
    if (now - this.start < this.opts.delay || now - this.last < 100) return;
    this.last = now;
    this.shown = true;
    const width = 30;
    const share = this.totalBytes > 0 ? Math.min(1, this.bytes / this.totalBytes) : 0;
    const filled = Math.round(share * width);
    const rate = Math.round(this.events / ((now - this.start) / 1000));
    this.opts.stream.write(
      `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ` +
        `${this.events.toLocaleString("en-US")} events  ${rate.toLocaleString("en-US")}/s `,
    );
  }

  /** Clear the bar line, if it was drawn. */
  done(): void {
    if (this.shown) this.opts.stream.write("\r\u001b[K");
  }
}
