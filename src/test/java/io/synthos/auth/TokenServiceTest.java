package io.synthos.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.platform.config.ConfigLoader;
import io.synthos.platform.config.SynthosConfig;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The token service")
class TokenServiceTest {

  private static SynthosConfig.Jwt settings(Map<String, String> env) {
    return ConfigLoader.load(Optional.empty(), env).jwt();
  }

  @Test
  @DisplayName("verifies the HS256 tokens it issues, with their claims")
  void roundTrip(Vertx vertx, VertxTestContext ctx) {
    TokenService tokens = new TokenService(vertx, settings(Map.of()));
    UUID user = UUID.randomUUID();
    TokenService.IssuedToken issued = tokens.issue(user, Principal.ADMIN);

    tokens
        .verify(issued.token())
        .onComplete(
            ctx.succeeding(
                principal ->
                    ctx.verify(
                        () -> {
                          assertThat(principal.userId()).isEqualTo(user);
                          assertThat(principal.role()).isEqualTo(Principal.ADMIN);
                          assertThat(principal.tokenId()).isEqualTo(issued.tokenId());
                          ctx.completeNow();
                        })));
  }
}
