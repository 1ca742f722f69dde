package io.taskfleet.client;

import io.taskfleet.api.Limits;
import io.taskfleet.api.TaskContext;
import io.taskfleet.api.TaskKind;
import io.taskfleet.api.TaskValue;
import java.util.concurrent.CountDownLatch;

/** Kinds for the client's tests. */
final class TestKinds {

  private TestKinds() {}

  /** Params of {@link Throwing} and {@link Blocking}. */
  record Nothing(int n) {}

  /** Fails every task, as a buggy plugin would. */
  static final class Throwing implements TaskKind<Nothing> {
    @Override
    public String name() {
      return "throwing";
    }

    @Override
    public Class<Nothing> paramsType() {
      return Nothing.class;
    }

    @Override
    public void validate(Nothing params, Limits limits) {}

    @Override
    public TaskValue compute(Nothing params, TaskContext context) {
      throw new IllegalStateException("no luck with " + params.n());
    }
  }

  /** Waits until released (or interrupted), then returns its n. */
  static final class Blocking implements TaskKind<Nothing> {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch entered = new CountDownLatch(1);

    @Override
    public String name() {
      return "blocking";
    }

    @Override
    public Class<Nothing> paramsType() {
      return Nothing.class;
    }

    @Override
    public void validate(Nothing params, Limits limits) {}

    @Override
    public TaskValue compute(Nothing params, TaskContext context) {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
      return TaskValue.of(params.n());
    }
  }
}
