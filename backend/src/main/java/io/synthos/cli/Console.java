package io.synthos.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;

/**
 * Where a command writes and what it reads from its surroundings, passed in so that tests run
 * commands in-process: results go to {@code out}, progress and errors to {@code err}.
 *
 * @param terminal whether {@code err} is a terminal, which gets a progress bar instead of lines
 */
public record Console(PrintWriter out, PrintWriter err, Map<String, String> env, boolean terminal) {

  /** The process's own streams and environment. */
  public static Console system() {
    return new Console(
        new PrintWriter(System.out, true),
        new PrintWriter(System.err, true),
        System.getenv(),
        System.console() != null);
  }

  /** An environment variable, when set and not blank. */
  public Optional<String> env(String name) {
    return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
  }
}
