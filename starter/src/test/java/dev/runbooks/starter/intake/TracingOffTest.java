package dev.runbooks.starter.intake;

import static dev.runbooks.starter.intake.WebhookIntakeTest.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.starter.inbox.internal.InboxRow;
import dev.runbooks.starter.inbox.internal.InboxStore;
import dev.runbooks.starter.tracing.RunbookTracing;
import dev.runbooks.starter.tracing.TraceHeaders;
import dev.runbooks.starter.tracing.WebhookTracingFilter;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * With tracing off (the default) the intake behaves exactly as before: no OpenTelemetry SDK or
 * webhook span filter exists, and an incoming {@code traceparent} header is neither continued nor
 * stored: the inbox row's trace columns stay empty.
 */
@SpringBootTest(
    classes = IntakeTestApplication.class,
    properties = {
      "runbook.intake.dispatcher.enabled=false",
      "runbook.intake.allow-unauthenticated=true"
    })
@AutoConfigureMockMvc
class TracingOffTest {
  @Autowired MockMvc mvc;
  @Autowired InboxStore inbox;
  @Autowired RunbookTracing tracing;
  @Autowired ApplicationContext context;

  @Test
  void noSdkNoFilterAndNoTraceContextStored() throws Exception {
    assertThat(tracing.enabled()).isFalse();
    assertThat(tracing.openTelemetry()).isSameAs(OpenTelemetry.noop());
    assertThat(context.getBeansOfType(OpenTelemetry.class)).isEmpty();
    assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
        .noneMatch(r -> r.getFilter() instanceof WebhookTracingFilter);

    String body =
        "{\"receiver\":\"r\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\","
            + "\"labels\":{\"alertname\":\"Untraced\"},\"annotations\":{},"
            + "\"startsAt\":\"2026-11-24T02:10:00Z\",\"fingerprint\":\"fp-untraced\"}],"
            + "\"version\":\"4\",\"groupKey\":\"{}:{}\"}";
    String answer =
        mvc.perform(
                webhook("/webhooks/alertmanager", body)
                    .header(
                        "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    long id = Long.parseLong(answer.replaceAll("(?s).*\"ids\":\\[(\\d+)].*", "$1"));
    InboxRow row = inbox.find(id).orElseThrow();
    assertThat(row.trace()).isEqualTo(TraceHeaders.NONE);
    assertThat(row.state()).isEqualTo("pending");
  }
}
