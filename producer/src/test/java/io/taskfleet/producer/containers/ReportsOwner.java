package io.taskfleet.producer.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who owns a report folder or file, by numeric uid, and giving a folder to another uid. */
final class ReportsOwner {

  private ReportsOwner() {}

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  static int uid(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:uid");
  }

  static void chown(Path path, int uid) throws IOException {
    Files.setAttribute(path, "unix:uid", uid);
    Files.setAttribute(path, "unix:gid", uid);
  }
}
