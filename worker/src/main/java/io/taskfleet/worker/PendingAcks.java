package io.taskfleet.worker;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The messages of one channel not yet acked, by delivery tag. {@link #flush} acks every message
 * that is done: the done ones at the start of the tag order with one {@code multiple=true} frame,
 * the others one by one. A message that is not done holds back only the multiple ack of the tags
 * after it.
 */
final class PendingAcks {

  /** Acknowledges on the channel; the loop's thread calls it. */
  @FunctionalInterface
  interface Acker {
    void ack(long tag, boolean multiple);
  }

  private final TreeMap<Long, InFlight> open = new TreeMap<>();

  /** Adds a message, or replaces the one with the same tag. */
  void add(InFlight message) {
    open.put(message.tag, message);
  }

  InFlight get(long tag) {
    return open.get(tag);
  }

  int size() {
    return open.size();
  }

  boolean isEmpty() {
    return open.isEmpty();
  }

  Iterable<InFlight> messages() {
    return open.values();
  }

  /** Acks what is done; returns the number of messages acked. */
  int flush(Acker acker) {
    int acked = 0;
    long prefixEnd = -1;
    int prefix = 0;
    Iterator<Map.Entry<Long, InFlight>> it = open.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, InFlight> first = it.next();
      if (!first.getValue().ackable()) {
        break;
      }
      prefixEnd = first.getKey();
      prefix++;
      it.remove();
    }
    if (prefix > 0) {
      acker.ack(prefixEnd, prefix > 1);
      acked += prefix;
    }
    Iterator<InFlight> rest = open.values().iterator();
    while (rest.hasNext()) {
      InFlight message = rest.next();
      if (message.ackable()) {
        acker.ack(message.tag, false);
        rest.remove();
        acked++;
      }
    }
    return acked;
  }

  void clear() {
    open.clear();
  }
}
