package io.taskfleet.producer;

import java.util.List;
import java.util.Locale;

/**
 * How the tasks run: where the seed compared a plain loop, a local pool and a distributed engine.
 */
public enum Mode {
  /** Every task one after another on one thread of the producer JVM; no broker. */
  ORIGIN,
  /** An in-process pool of {@code --threads} threads; no broker. */
  THREADS,
  /** Through RabbitMQ to worker processes. */
  FLEET,
  /** The three above on the same workload, then the comparison table. */
  ALL;

  /** The name written in reports and JSON ({@code origin}, {@code threads}, {@code fleet}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The modes this choice runs, in the order of the table. */
  public List<Mode> expand() {
    return this == ALL ? List.of(ORIGIN, THREADS, FLEET) : List.of(this);
  }

  /** Whether this choice needs the broker. */
  public boolean needsBroker() {
    return this == FLEET || this == ALL;
  }
}
