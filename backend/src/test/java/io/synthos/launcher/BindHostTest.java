package io.synthos.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.synthos.platform.FreePort;
import io.synthos.platform.config.ConfigLoader;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.testing.TestConfigs;
import io.synthos.testing.TestInfra;
import io.synthos.testing.TestNode;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Every server a node starts listens on {@code SYNTHOS_BIND_HOST}, loopback unless it says
 * otherwise, and the start-up lines say where. Proven by connecting: a server is reached on its
 * address, and refused on another address of the same machine.
 */
@Tag("integration")
@DisplayName("Where the servers listen")
class BindHostTest {

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger launcherLog = (Logger) LoggerFactory.getLogger(Launcher.class);

  @BeforeEach
  void captureStartupLines() {
    lines.start();
    launcherLog.addAppender(lines);
  }

  @AfterEach
  void release() {
    launcherLog.detachAppender(lines);
  }

  /** A configuration with free ports and no bind host unless {@code bindHost} names one. */
  private SynthosConfig config(String bindHost) {
    return config(bindHost, Map.of());
  }

  private SynthosConfig config(String bindHost, Map<String, String> more) {
    Map<String, String> env = TestConfigs.freePorts();
    env.putAll(more);
    env.remove("SYNTHOS_BIND_HOST");
    if (bindHost != null) {
      env.put("SYNTHOS_BIND_HOST", bindHost);
      for (String service :
          List.of("DATA_SERVICE_ADDR", "VALIDATION_SERVICE_ADDR", "COLLAPSE_SERVICE_ADDR")) {
        env.put(service, env.get(service).replace("127.0.0.1", bindHost));
      }
    }
    env.put("DATABASE_URL", TestInfra.get().freshDatabase().value());
    env.put("REDIS_URL", TestInfra.get().redisUrl());
    env.put("SYNTHOS_DATA_DIR", dir.resolve("data").toString());
    return ConfigLoader.load(Optional.empty(), env);
  }

  @Test
  @DisplayName("by default every server listens on 127.0.0.1 only, and says so")
  void loopbackByDefault() throws Exception {
    String other = otherAddress();
    SynthosConfig config = config(null);

    try (RunningNode node = Launcher.start(config, EnumSet.allOf(Role.class))) {
      assertThat(config.bindHost()).isEqualTo("127.0.0.1");
      assertOnlyOn("127.0.0.1", other, TestConfigs.serverPorts(config));
      assertThat(logged())
          .contains(
              line("data", "gRPC on 127.0.0.1:" + config.services().data().port()),
              line("validation", "gRPC on 127.0.0.1:" + config.services().validation().port()),
              line("collapse", "gRPC on 127.0.0.1:" + config.services().collapse().port()),
              line("orchestrator", "gRPC on 127.0.0.1:" + config.grpc().port()),
              line("api", "http://127.0.0.1:" + config.http().port()),
              line("dashboard", "http://127.0.0.1:" + config.admin().port()));
    }
  }

  @Test
  @DisplayName("a node without the API or dashboard serves its metrics on loopback too")
  void metricsOnLoopback() throws Exception {
    String other = otherAddress();
    SynthosConfig config = config(null);

    try (RunningNode node = Launcher.start(config, EnumSet.of(Role.COLLAPSE))) {
      int metrics = config.http().port();
      assertOnlyOn("127.0.0.1", other, metrics);
      assertThat(logged()).contains(line("metrics", "http://127.0.0.1:" + metrics + "/metrics"));
    }
  }

  @Test
  @DisplayName("a cluster member's Hazelcast and event bus listen on loopback too, and say so")
  void clusterOnLoopback() throws Exception {
    String other = otherAddress();
    int hazelcast = FreePort.find();
    int bus = FreePort.find();
    SynthosConfig config =
        config(
            null,
            Map.of(
                "SYNTHOS_CLUSTER",
                "true",
                "SYNTHOS_CLUSTER_PORT",
                String.valueOf(hazelcast),
                "SYNTHOS_CLUSTER_BUS_PORT",
                String.valueOf(bus),
                "JWT_SECRET",
                TestNode.JWT_SECRET,
                "SYNTHOS_SERVICE_SECRET",
                TestNode.SERVICE_SECRET));
    Logger vertxLog = (Logger) LoggerFactory.getLogger(NodeVertx.class);
    vertxLog.addAppender(lines);

    try (RunningNode node = Launcher.start(config, EnumSet.of(Role.COLLAPSE))) {
      assertOnlyOn("127.0.0.1", other, hazelcast, bus);
      assertThat(logged())
          .contains(
              line(
                  "cluster",
                  "Hazelcast on 127.0.0.1:"
                      + hazelcast
                      + " as 127.0.0.1:"
                      + hazelcast
                      + ", event bus on 127.0.0.1:"
                      + bus));
    } finally {
      vertxLog.detachAppender(lines);
    }
  }

  @Test
  @DisplayName("SYNTHOS_BIND_HOST moves every server to the address it names")
  void bindHostMovesThem() throws Exception {
    String other = otherAddress();
    SynthosConfig config = config(other);

    try (RunningNode node = Launcher.start(config, EnumSet.allOf(Role.class))) {
      assertOnlyOn(other, "127.0.0.1", TestConfigs.serverPorts(config));
      assertThat(logged()).contains(line("api", "http://" + other + ":" + config.http().port()));
    }
  }

  /** Each port answers on {@code host} and is refused on {@code elsewhere}. */
  private static void assertOnlyOn(String host, String elsewhere, int... ports) {
    for (int port : ports) {
      assertThat(accepts(host, port)).as("%s:%d", host, port).isTrue();
      assertThat(accepts(elsewhere, port)).as("%s:%d", elsewhere, port).isFalse();
    }
  }

  /** A start-up line as the launcher writes it: the role's name in a column, then where. */
  private static String line(String who, String where) {
    return String.format("%-13s %s", who, where);
  }

  private String logged() {
    return String.join("\n", lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
  }

  private static boolean accepts(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2_000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /** An IPv4 address of this machine other than loopback, to knock on. */
  private static String otherAddress() throws SocketException {
    Optional<String> address =
        NetworkInterface.networkInterfaces()
            .filter(BindHostTest::upAndNotLoopback)
            .flatMap(NetworkInterface::inetAddresses)
            .filter(Inet4Address.class::isInstance)
            .filter(ip -> !ip.isLoopbackAddress() && !ip.isLinkLocalAddress())
            .map(InetAddress::getHostAddress)
            .findFirst();
    assumeTrue(address.isPresent(), "this machine has no IPv4 address besides loopback");
    return address.get();
  }

  private static boolean upAndNotLoopback(NetworkInterface network) {
    try {
      return network.isUp() && !network.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }
}
