package dev.runbooks.language.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What Temporal's cron reader accepts in five fields, and what it refuses. */
class CronSyntaxTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "0 6 * * *",
        "  0   6 * * *  ",
        "* * * * *",
        "*/5 * * * *",
        "0 */2 * * *",
        "0 9-17 * * 1-5",
        "0 9-17/2 * * MON-FRI",
        "5/15 0 1,15 * *",
        "0 0 1 jan,jul *",
        "0 0 * january-march su",
        "0 0 * * 7",
        "0 0 * * 0",
        "59 23 31 12 6",
        "0 0 1-31/7 * *",
        "@yearly",
        "@annually",
        "@monthly",
        "@weekly",
        "@daily",
        "@midnight",
        "@hourly"
      })
  void accepts(String cron) {
    assertThat(CronSyntax.problem(cron)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "60 * * * *      | minute 60 is out of range 0-59",
        "0 0 0 * *       | day-of-month 0 is out of range 1-31",
        "0 0 * 13 *      | month 13 is out of range 1-12",
        "0 0 * * 8       | day-of-week 8 is out of range 0-7",
        "0 0 * ja *      | month 'ja' is not 1-12 or a month name such as jan",
        "0 0 * * m       | day-of-week 'm' is not 0-7 or a day name such as mon",
        "0 0 * * L       | day-of-week 'L' is not 0-7 or a day name such as mon",
        "0 0 L * *       | day-of-month 'L' is not 1-31",
        "0 0 * * 1-2-3   | day-of-week '1-2-3' is not valid",
        "0 0 * * -1      | day-of-week '-1' is not valid",
        "0 0/x * * *     | hour step 'x' in '0/x' must be 1 or more",
        "0 0/1/2 * * *   | hour step '1/2' in '0/1/2' must be 1 or more",
        "0 ,1 * * *      | hour ',1' is not valid",
        "0 6 * * *  *  * | has 7 fields",
        "@reboot         | unknown cron shorthand '@reboot'",
        "@every 1h/5m    | not as @every",
        "TZ=UTC 0 6 * * *| not as TZ=",
        "'   '           | cron must not be empty"
      })
  void refuses(String cron, String message) {
    assertThat(CronSyntax.problem(cron)).contains(message);
  }
}
