package io.taskfleet.producer;

import io.taskfleet.common.time.ProcStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** CPU time of other processes on this machine, from /proc: a local broker's. */
final class ProcessCpu {

  /**
   * What {@link #remembered} found per list of ports. Finding the broker reads every process's
   * command line, /proc/net/tcp and the broker's sockets; it is done once, not before each round.
   */
  private static final Map<List<Integer>, List<Long>> FOUND = new ConcurrentHashMap<>();

  private ProcessCpu() {}

  /**
   * {@link #localBrokers(List)}, found once and remembered while every process found still runs
   * RabbitMQ: a broker restarted under a new process id is looked for again. Nothing found is not
   * remembered, so a broker started later is still found.
   */
  static List<Long> remembered(List<Integer> ports) {
    List<Long> known = FOUND.get(ports);
    if (known != null
        && known.stream().allMatch(pid -> isRabbit(Path.of("/proc", Long.toString(pid))))) {
      return known;
    }
    List<Long> found = localBrokers(ports);
    if (found.isEmpty()) {
      FOUND.remove(ports);
    } else {
      FOUND.put(List.copyOf(ports), found);
    }
    return found;
  }

  /**
   * The RabbitMQ processes (Erlang's {@code beam.smp} running {@code rabbit}) this machine shows;
   * empty when there is no /proc or none.
   */
  static List<Long> localBrokers() {
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(proc)) {
      return entries
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(ProcessCpu::isRabbit)
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .sorted()
          .toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static boolean isRabbit(Path dir) {
    try {
      if (!Files.readString(dir.resolve("comm")).strip().equals("beam.smp")) {
        return false;
      }
      String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline"))).replace('\0', ' ');
      return cmdline.contains("rabbit");
    } catch (IOException | RuntimeException e) {
      return false; // gone, or not ours to read
    }
  }

  /**
   * The local RabbitMQ processes that serve these ports: the one listening on each, found through
   * /proc/net/tcp and the processes' sockets; when that cannot be read, the only RabbitMQ process
   * on this machine if there is exactly one. Empty when the broker cannot be told apart (several
   * local brokers, or one in a container behind a published port).
   */
  static List<Long> localBrokers(List<Integer> ports) {
    List<Long> rabbits = localBrokers();
    List<Long> found = new java.util.ArrayList<>();
    for (int port : ports) {
      listenerOf(port, rabbits).filter(pid -> !found.contains(pid)).ifPresent(found::add);
    }
    if (found.isEmpty() && rabbits.size() == 1) {
      return rabbits;
    }
    return found;
  }

  private static java.util.Optional<Long> listenerOf(int port, List<Long> candidates) {
    java.util.Set<String> inodes = new java.util.HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] f = line.trim().split("\\s+");
          // local_address is HEXIP:HEXPORT; state 0A is LISTEN; the inode is the tenth field.
          if (f.length > 9 && f[3].equals("0A") && f[1].endsWith(String.format(":%04X", port))) {
            inodes.add("socket:[" + f[9] + "]");
          }
        }
      } catch (IOException | RuntimeException e) {
        // no such table here
      }
    }
    if (inodes.isEmpty()) {
      return java.util.Optional.empty();
    }
    for (long pid : candidates) {
      try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
        boolean listens =
            fds.anyMatch(
                fd -> {
                  try {
                    return inodes.contains(Files.readSymbolicLink(fd).toString());
                  } catch (IOException | RuntimeException e) {
                    return false;
                  }
                });
        if (listens) {
          return java.util.Optional.of(pid);
        }
      } catch (IOException | RuntimeException e) {
        // not ours to read
      }
    }
    return java.util.Optional.empty();
  }

  /** The CPU time of process {@code pid} from /proc/PID/stat; empty when it cannot be read. */
  static OptionalLong of(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return OptionalLong.of(ProcStat.cpuNanos(stat));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
