package io.taskfleet.client;

import io.taskfleet.common.ConfigException;
import io.taskfleet.common.protocol.TaskMessage;

/** {@code --chunk}: how many tasks travel in one message. */
public sealed interface ChunkSize {

  /** Exactly this many per message (the last one may hold fewer); 1 sends single-task messages. */
  record Fixed(int tasks) implements ChunkSize {
    public Fixed {
      if (tasks < 1 || tasks > TaskMessage.MAX_CHUNK_TASKS) {
        throw new ConfigException(
            "--chunk must be auto or 1.." + TaskMessage.MAX_CHUNK_TASKS + ", was " + tasks);
      }
    }

    @Override
    public String toString() {
      return Integer.toString(tasks);
    }
  }

  /** Chosen from measurements: see {@link ChunkPlanner}. */
  record Auto() implements ChunkSize {
    @Override
    public String toString() {
      return "auto";
    }
  }

  /** {@code auto} or a number of tasks per message. */
  static ChunkSize parse(String text) {
    String t = text == null ? "" : text.trim();
    if (t.equalsIgnoreCase("auto")) {
      return new Auto();
    }
    try {
      return new Fixed(Integer.parseInt(t));
    } catch (NumberFormatException e) {
      throw new ConfigException(
          "--chunk must be auto or a number of tasks per message, was '" + text + "'");
    }
  }
}
