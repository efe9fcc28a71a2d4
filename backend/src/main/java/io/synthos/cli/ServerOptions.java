package io.synthos.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** {@code --server} and {@code --api-key}, shared by the commands that talk to a node. */
final class ServerOptions {

  static final String SERVER_ENV = "SYNTHOS_SERVER";
  static final String API_KEY_ENV = "SYNTHOS_API_KEY";

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "The Synthos node's URL, such as https://synthos.example.com (or SYNTHOS_SERVER).")
  String server;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description =
          "An API key of your account (or SYNTHOS_API_KEY, which keeps it out of the process list).")
  String apiKey;

  /** Whether a server was named, by option or environment. */
  boolean given(Console console) {
    return server != null || console.env(SERVER_ENV).isPresent();
  }

  /** The server's URL, checked. */
  URI url(Console console) {
    String text =
        server != null
            ? server
            : console
                .env(SERVER_ENV)
                .orElseThrow(() -> CliException.badInput("name the node with --server URL"));
    URI url;
    try {
      url = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("--server: '" + text + "' is not a URL");
    }
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())
        || url.getHost() == null) {
      throw CliException.badInput("--server: '" + text + "' is not an http(s) URL");
    }
    return url;
  }

  /** A client of the server with the API key, both required. */
  SynthosClient client(Console console) {
    URI url = url(console);
    String key =
        apiKey != null
            ? apiKey
            : console
                .env(API_KEY_ENV)
                .orElseThrow(
                    () ->
                        CliException.badInput("give an API key with --api-key or SYNTHOS_API_KEY"));
    return new SynthosClient(url, key);
  }
}
