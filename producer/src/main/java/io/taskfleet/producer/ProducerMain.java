package io.taskfleet.producer;

import io.taskfleet.common.cli.CommandRunner;

/** Entry point of {@code producer.jar}. */
public final class ProducerMain {

  private ProducerMain() {}

  public static void main(String[] args) {
    int code = CommandRunner.run(new ProducerCommand(), "PRODUCER", System.getenv(), args);
    System.exit(code);
  }
}
