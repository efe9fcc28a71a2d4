package io.synthos.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the command line in the test's JVM and keeps what it printed and its exit code. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    return with(Map.of(), Map.of(), args);
  }

  /**
   * @param env the environment the command sees (the test JVM's is never read)
   * @param localOverrides settings of a local validate node
   */
  static CliRun with(Map<String, String> env, Map<String, String> localOverrides, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Console console = new Console(new PrintWriter(out), new PrintWriter(err), env, false);
    int code = SynthosCli.execute(args, console, localOverrides);
    return new CliRun(code, out.toString(), err.toString());
  }
}
