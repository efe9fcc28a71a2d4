package io.synthos.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a port nobody listens on, for embedded servers configured with port 0. The system may give
 * a port just released to the next caller, so a port found once is never handed out again by this
 * process: two servers configured one after the other cannot be given the same port before either
 * of them listens.
 */
public final class FreePort {

  private static final int ATTEMPTS = 100;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePort() {}

  public static int find() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = unused();
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException(
        "no free port found in " + ATTEMPTS + " attempts that was not handed out before");
  }

  private static int unused() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
