package io.taskfleet.common.protocol;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This process's host name and PID, as reported in results. */
public final class Identities {

  private Identities() {}

  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }

  public static long pid() {
    return ProcessHandle.current().pid();
  }
}
