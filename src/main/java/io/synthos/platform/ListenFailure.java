package io.synthos.platform;

import io.vertx.core.Future;

/** Turns a failed listen into one line naming who could not listen, and where. */
public final class ListenFailure {

  private ListenFailure() {}

  public static <T> Future<T> of(String who, String host, int port, Throwable cause) {
    return Future.failedFuture(
        new IllegalStateException(
            who
                + ": cannot listen on "
                + host
                + ":"
                + port
                + " ("
                + cause.getMessage()
                + "; is the port already in use?)",
            cause));
  }
}
