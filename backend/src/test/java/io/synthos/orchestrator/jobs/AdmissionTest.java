package io.synthos.orchestrator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Admission")
class AdmissionTest {

  private record Candidate(String name, MlPool pool, Resources request) {}

  private static List<String> admit(
      Admission admission, List<Candidate> candidates, List<Candidate> refused) {
    return admission.admit(candidates, Candidate::pool, Candidate::request, refused).stream()
        .map(Candidate::name)
        .toList();
  }

  @Test
  @DisplayName("hands out at most 80% of a pool on every dimension")
  void eightyPercent() {
    Admission admission =
        new Admission(Map.of(MlPool.VALIDATION, new Resources(10_000, 1_000, 10)), Map.of());
    List<Candidate> refused = new ArrayList<>();

    List<String> admitted =
        admit(
            admission,
            List.of(
                new Candidate("fits exactly", MlPool.VALIDATION, new Resources(8_000, 800, 8)),
                new Candidate("one millicore more", MlPool.VALIDATION, new Resources(1, 0, 0))),
            refused);

    assertThat(admitted).containsExactly("fits exactly");
    assertThat(refused).extracting(Candidate::name).containsExactly("one millicore more");
  }

  @Test
  @DisplayName("lets a job above the 80% line run alone in an idle pool, and nothing beside it")
  void bigJobAloneInIdlePool() {
    Admission admission =
        new Admission(Map.of(MlPool.VALIDATION, new Resources(2_000, 4_096, 0)), Map.of());
    List<Candidate> refused = new ArrayList<>();

    List<String> admitted =
        admit(
            admission,
            List.of(
                new Candidate("two cores", MlPool.VALIDATION, new Resources(2_000, 1_024, 0)),
                new Candidate("small", MlPool.VALIDATION, new Resources(100, 10, 0)),
                new Candidate("another big", MlPool.VALIDATION, new Resources(2_000, 1_024, 0))),
            refused);

    assertThat(admitted).containsExactly("two cores");
    assertThat(refused).extracting(Candidate::name).containsExactly("small", "another big");
  }

  @Test
  @DisplayName("never lets a job above the line in beside running work, nor one above capacity")
  void bigJobWaitsOrNeverFits() {
    Admission busy =
        new Admission(
            Map.of(MlPool.VALIDATION, new Resources(2_000, 4_096, 0)),
            Map.of(MlPool.VALIDATION, new Resources(100, 10, 0)));
    Admission idle =
        new Admission(Map.of(MlPool.VALIDATION, new Resources(2_000, 4_096, 0)), Map.of());
    Candidate big = new Candidate("two cores", MlPool.VALIDATION, new Resources(2_000, 1_024, 0));
    Candidate huge = new Candidate("three cores", MlPool.VALIDATION, new Resources(3_000, 0, 0));

    assertThat(admit(busy, List.of(big), new ArrayList<>())).isEmpty();
    assertThat(admit(idle, List.of(huge), new ArrayList<>())).isEmpty();
  }

  @Test
  @DisplayName("counts what running jobs already hold")
  void countsAllocations() {
    Admission admission =
        new Admission(
            Map.of(MlPool.DATA, new Resources(10_000, 10_000, 0)),
            Map.of(MlPool.DATA, new Resources(6_000, 1_000, 0)));

    List<String> admitted =
        admit(
            admission,
            List.of(
                new Candidate("too big now", MlPool.DATA, new Resources(3_000, 1_000, 0)),
                new Candidate("small", MlPool.DATA, new Resources(2_000, 1_000, 0))),
            new ArrayList<>());

    assertThat(admitted).containsExactly("small");
  }

  @Test
  @DisplayName(
      "keeps pools apart, refuses pools without capacity, and never limits jobs without a pool")
  void poolsApart() {
    Admission admission =
        new Admission(Map.of(MlPool.DATA, new Resources(1_000, 1_000, 0)), Map.of());

    List<String> admitted =
        admit(
            admission,
            List.of(
                new Candidate("data", MlPool.DATA, new Resources(800, 800, 0)),
                new Candidate(
                    "collapse, unknown capacity", MlPool.COLLAPSE, new Resources(1, 1, 0)),
                new Candidate("noop", MlPool.NONE, new Resources(0, 0, 0))),
            new ArrayList<>());

    assertThat(admitted).containsExactly("data", "noop");
  }
}
