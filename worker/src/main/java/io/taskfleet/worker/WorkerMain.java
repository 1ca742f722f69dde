package io.taskfleet.worker;

import io.taskfleet.common.cli.CommandRunner;

/** Entry point of {@code worker.jar}. */
public final class WorkerMain {

  private WorkerMain() {}

  public static void main(String[] args) {
    int code = CommandRunner.run(new WorkerCommand(), "WORKER", System.getenv(), args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
