package io.taskfleet.worker;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reply queues the broker said are gone (a result to them came back unroutable): their producer
 * ended, crashed or gave up. Tasks that name one are acked without being computed for a while, so a
 * fleet does no work for nobody. Bounded: the oldest names are forgotten first.
 */
final class GoneReplyQueues {

  static final Duration REMEMBERED = Duration.ofMinutes(1);
  private static final int MAX_NAMES = 1_000;

  private final Map<String, Long> goneAtNanos =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_NAMES;
        }
      };

  /** Returns true the first time a queue is reported gone (within the remembered time). */
  boolean markGone(String queue, long nowNanos) {
    boolean fresh = !isGone(queue, nowNanos);
    goneAtNanos.put(queue, nowNanos);
    return fresh;
  }

  boolean isGone(String queue, long nowNanos) {
    Long at = queue == null ? null : goneAtNanos.get(queue);
    if (at == null) {
      return false;
    }
    if (nowNanos - at > REMEMBERED.toNanos()) {
      forget(queue);
      return false;
    }
    return true;
  }

  /** The queue exists again. */
  void forget(String queue) {
    goneAtNanos.remove(queue);
  }
}
