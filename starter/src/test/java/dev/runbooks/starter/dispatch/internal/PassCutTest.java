package dev.runbooks.starter.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.starter.intake.DispatchPoolProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When a pass stops starting its batch: rows ranked after an alert that arrived since the claim
 * stop, rows ranked with or before it go on, the budget stops the rest, an arrival before the claim
 * is forgotten, and the first row asked always starts.
 */
class PassCutTest {
  private final PassCut cuts = new PassCut(Duration.ofHours(1));

  @Test
  void anArrivalStopsOnlyTheRowsRankedAfterIt() {
    cuts.claiming();
    PassCut.Pass pass = cuts.begin(List.of(0, 1, 2, 2, 4));
    assertThat(pass.test(0)).as("the first row").isFalse();
    cuts.arrived(2); // a warning: rows of rank 2 and better go on
    assertThat(pass.test(1)).isFalse();
    assertThat(pass.test(2)).isFalse();
    assertThat(pass.reason()).isNull();
    cuts.arrived(1); // a critical: the warnings left and the rest stop
    assertThat(pass.test(3)).isTrue();
    assertThat(pass.reason()).isEqualTo(PassCut.Reason.PRIORITY);
    assertThat(pass.test(1)).as("once cut, nothing more starts").isTrue();
    assertThat(pass.reason().tag()).isEqualTo("priority");
  }

  @Test
  void anArrivalBeforeTheClaimIsForgottenAndOverdueRowsAreNeverOvertaken() {
    cuts.arrived(1);
    cuts.claiming(); // the claim sees that alert (or it arrives again afterwards)
    PassCut.Pass pass = cuts.begin(List.of(2, 2));
    assertThat(pass.test(0)).isFalse();
    assertThat(pass.test(1)).isFalse();
    cuts.claiming();
    PassCut.Pass overdue = cuts.begin(List.of(0, 0));
    cuts.arrived(1);
    assertThat(overdue.test(0)).isFalse();
    assertThat(overdue.test(1)).as("an overdue row ranks 0, before any arrival").isFalse();
    assertThat(overdue.reason()).isNull();
  }

  @Test
  void theBudgetStopsEveryRowButTheFirstAsked() {
    PassCut spent = new PassCut(Duration.ofNanos(1));
    spent.claiming();
    PassCut.Pass pass = spent.begin(List.of(3, 1, 1));
    assertThat(pass.test(2)).as("the first row asked starts: the pass makes progress").isFalse();
    assertThat(pass.test(1)).isTrue();
    assertThat(pass.reason()).isEqualTo(PassCut.Reason.BUDGET);
    assertThat(pass.reason().tag()).isEqualTo("budget");
  }

  @Test
  void anArrivalsRankFollowsTheSeverityOrderIgnoringCase() {
    var order = new DispatchPoolProperties(1, true, List.of("Critical", "warning"), null, null);
    assertThat(order.rank("CRITICAL")).isEqualTo(1);
    assertThat(order.rank(" warning ")).isEqualTo(2);
    assertThat(order.rank("info")).as("unlisted").isEqualTo(3);
    assertThat(order.rank("")).as("none").isEqualTo(3);
    assertThat(order.rank(null)).as("none").isEqualTo(3);
  }
}
