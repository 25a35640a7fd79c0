package dev.runbooks.starter.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class SameOriginTest {
  private final SameOrigin guard = new SameOrigin(List.of("https://Runbooks.example.com/"));

  @Test
  void takesTheRequestsOwnHostAndTheConfiguredOrigins() {
    assertThat(guard.allows(request("runbooks:8080", "Origin", "http://runbooks:8080"))).isTrue();
    assertThat(guard.allows(request("RUNBOOKS:8080", "Origin", "https://runbooks:8080"))).isTrue();
    assertThat(guard.allows(request("internal:8080", "Origin", "https://runbooks.example.com")))
        .isTrue();
    assertThat(guard.allows(request("runbooks:8080", "Referer", "http://runbooks:8080/ui/runs/x")))
        .isTrue();
  }

  @Test
  void refusesOtherOriginsMissingHeadersAndGarbage() {
    assertThat(guard.allows(request("runbooks:8080", "Origin", "http://evil.example"))).isFalse();
    assertThat(guard.allows(request("runbooks:8080", "Origin", "http://runbooks:8081"))).isFalse();
    assertThat(guard.allows(request("runbooks:8080", "Origin", "null"))).isFalse();
    assertThat(guard.allows(request("runbooks:8080", "Referer", "not a url ::"))).isFalse();
    assertThat(guard.allows(request("runbooks:8080", "Referer", "/ui/runs/x"))).isFalse();
    assertThat(guard.allows(request("runbooks:8080"))).isFalse();
    assertThat(
            guard.allows(
                request(
                    "runbooks:8080",
                    "Origin",
                    "http://evil.example",
                    "Referer",
                    "http://runbooks:8080/ui")))
        .isFalse();
  }

  private static MockHttpServletRequest request(String host, String... headers) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/ui/runs/x/approve");
    request.addHeader("Host", host);
    for (int i = 0; i < headers.length; i += 2) {
      request.addHeader(headers[i], headers[i + 1]);
    }
    return request;
  }
}
