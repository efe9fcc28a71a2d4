package io.synthos.platform;

import java.util.List;
import java.util.UUID;

/** Who this process is: a node id, the roles it runs and the Synthos version. */
public record NodeInfo(String id, List<String> roleNames, String version) {

  public static NodeInfo create(List<String> roleNames) {
    String version = NodeInfo.class.getPackage().getImplementationVersion();
    return new NodeInfo(
        UUID.randomUUID().toString(), List.copyOf(roleNames), version == null ? "dev" : version);
  }
}
