package io.synthos.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.testing.HttpProbe.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;

/** Datasets for tests that go through the API: seeded tables, uploaded and waited for. */
public final class TestDatasets {

  private TestDatasets() {}

  /** Uploads {@code csv} as {@code name} and answers its id once it is ready. */
  public static String ready(NodeExtension node, String token, String name, String csv) {
    return ready(node::url, token, name, csv);
  }

  /** The same through any node's API: {@code url} turns a path into that node's URL. */
  public static String ready(
      java.util.function.UnaryOperator<String> url, String token, String name, String csv) {
    Response created =
        HttpProbe.send(
            "POST",
            url.apply("/api/v1/datasets?name=" + name),
            csv.getBytes(StandardCharsets.UTF_8),
            "Authorization",
            "Bearer " + token,
            "Content-Type",
            "text/csv");
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    String id = created.json().getString("id");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "ready"
                    .equals(
                        HttpProbe.get(
                                url.apply("/api/v1/datasets/" + id),
                                "Authorization",
                                "Bearer " + token)
                            .json()
                            .getString("status")));
    return id;
  }

  /**
   * A ready dataset record of the token's user, written straight into the node's database: for
   * tests of the queue on a node that runs no data service, where no upload can become ready. The
   * data service holds no bytes for it.
   */
  public static String recorded(NodeExtension node, String token) {
    String owner =
        HttpProbe.get(node.url("/api/v1/auth/me"), "Authorization", "Bearer " + token)
            .json()
            .getString("id");
    String id = UUID.randomUUID().toString();
    try (Connection connection = node.jdbc();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO datasets (id, owner_id, name, format, status, sha256, rows, columns,"
                    + " created_at, updated_at, ready_at) VALUES (?::uuid, ?::uuid, 'recorded.csv',"
                    + " 'csv', 'ready', repeat('0', 64), 10, 2, now(), now(), now())")) {
      insert.setString(1, id);
      insert.setString(2, owner);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record a dataset", e);
    }
    return id;
  }

  /** A seeded table: numbers, a category and a flag that follows the age. */
  public static String people(int rows, long seed) {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder("age,income,city,member\n");
    String[] cities = {"Paris", "Berlin", "Rome"};
    for (int i = 0; i < rows; i++) {
      int age = 18 + random.nextInt(60);
      csv.append(age)
          .append(',')
          .append(20_000 + age * 700 + random.nextInt(5_000))
          .append(',')
          .append(cities[random.nextInt(cities.length)])
          .append(',')
          .append(age > 45)
          .append('\n');
    }
    return csv.toString();
  }
}
