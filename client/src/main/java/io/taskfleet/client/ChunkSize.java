package io.taskfleet.client;

import io.taskfleet.common.ConfigException;
import io.taskfleet.common.cli.Checks;
import io.taskfleet.common.protocol.TaskMessage;
import java.util.OptionalInt;

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
    OptionalInt tasks = Checks.autoOrNumber("--chunk", "a number of tasks per message", text);
    return tasks.isEmpty() ? new Auto() : new Fixed(tasks.getAsInt());
  }
}
