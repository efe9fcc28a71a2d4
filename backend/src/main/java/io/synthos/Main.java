package io.synthos;

import io.synthos.cli.Console;
import io.synthos.cli.SynthosCli;

/**
 * Runs Synthos: {@code java -jar synthos.jar [COMMAND] [OPTIONS]}, the server by default ({@code
 * --help} lists the commands).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(SynthosCli.execute(args, Console.system()));
  }
}
