package io.taskfleet.client;

import com.rabbitmq.client.BlockedListener;
import io.taskfleet.common.text.Bounded;
import io.taskfleet.common.text.Numbers;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Says out loud when the broker blocks this connection's publishing (a memory or disk alarm) and
 * when it lets it go on: one line each on the given stream, so a run that stalls at 90% says why.
 * The client calls it on the connection's thread; it only prints.
 */
final class BrokerAlarms implements BlockedListener {

  private final PrintStream err;
  private final LongSupplier nanoClock;
  private long blockedAtNanos = -1;

  BrokerAlarms(PrintStream err) {
    this(err, System::nanoTime);
  }

  BrokerAlarms(PrintStream err, LongSupplier nanoClock) {
    this.err = err;
    this.nanoClock = nanoClock;
  }

  @Override
  public synchronized void handleBlocked(String reason) {
    if (blockedAtNanos >= 0) {
      return;
    }
    blockedAtNanos = nanoClock.getAsLong();
    err.println(
        "broker blocked publishing: "
            + describe(reason)
            + "; waiting for it to clear (rabbitmq-diagnostics alarms on the broker shows it)");
  }

  @Override
  public synchronized void handleUnblocked() {
    if (blockedAtNanos < 0) {
      return;
    }
    double seconds = (nanoClock.getAsLong() - blockedAtNanos) / 1e9;
    blockedAtNanos = -1;
    err.println("broker unblocked publishing after " + Numbers.fixed(seconds, 1) + " s; going on");
  }

  /** The broker's reason with the alarm it comes from: {@code low on memory (memory alarm)}. */
  static String describe(String reason) {
    String text = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    String alarm =
        lower.contains("memory")
            ? " (memory alarm)"
            : lower.contains("disk") ? " (disk alarm)" : " (resource alarm)";
    return Bounded.text(text, 200) + alarm;
  }
}
