package dev.runbooks.starter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Payloads of a history written through a codec come out as Temporal's plain JSON. */
class HistoryPayloadsTest {
  /**
   * A codec that hides the data (reversed bytes) under an encoding of its own, as encryption does.
   */
  static final class Reversing implements PayloadCodec {
    @Override
    public List<Payload> encode(List<Payload> payloads) {
      return payloads.stream()
          .map(
              p ->
                  Payload.newBuilder()
                      .putMetadata("encoding", ByteString.copyFromUtf8("test/reversed"))
                      .setData(ByteString.copyFrom(reverse(p.toByteArray())))
                      .build())
          .toList();
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
      return payloads.stream()
          .map(
              p -> {
                try {
                  return Payload.parseFrom(reverse(p.getData().toByteArray()));
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                  throw new IllegalStateException(e);
                }
              })
          .toList();
    }

    private static byte[] reverse(byte[] b) {
      byte[] r = new byte[b.length];
      for (int i = 0; i < b.length; i++) {
        r[i] = b[b.length - 1 - i];
      }
      return r;
    }
  }

  @Test
  void decodesPayloadsAtEveryDepthAndLeavesForeignOnesAlone() {
    DataConverter encrypting =
        new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(new Reversing()));
    Payload input = encrypting.toPayload(Map.of("who", "ada")).orElseThrow();
    Payload request = encrypting.toPayload(Map.of("stepId", "hello")).orElseThrow();
    Payload foreign =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("binary/encrypted"))
            .setData(ByteString.copyFromUtf8("??"))
            .build();
    assertThat(input.getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo("test/reversed");
    History history =
        History.newBuilder()
            .addEvents(
                HistoryEvent.newBuilder()
                    .setEventId(1)
                    .setWorkflowExecutionStartedEventAttributes(
                        WorkflowExecutionStartedEventAttributes.newBuilder()
                            .setInput(
                                Payloads.newBuilder().addPayloads(input).addPayloads(foreign))))
            .addEvents(
                HistoryEvent.newBuilder()
                    .setEventId(2)
                    .setActivityTaskScheduledEventAttributes(
                        ActivityTaskScheduledEventAttributes.newBuilder()
                            .setInput(Payloads.newBuilder().addPayloads(request))))
            .build();

    History decoded = new HistoryPayloads(encrypting).decode(history);

    DataConverter plain = DefaultDataConverter.STANDARD_INSTANCE;
    Payloads started = decoded.getEvents(0).getWorkflowExecutionStartedEventAttributes().getInput();
    assertThat(started.getPayloads(0).getMetadataOrThrow("encoding").toStringUtf8())
        .isEqualTo("json/plain");
    assertThat(plain.fromPayload(started.getPayloads(0), Object.class, Object.class))
        .isEqualTo(Map.of("who", "ada"));
    assertThat(started.getPayloads(1)).isEqualTo(foreign);
    Payload scheduled =
        decoded.getEvents(1).getActivityTaskScheduledEventAttributes().getInput().getPayloads(0);
    assertThat(plain.fromPayload(scheduled, Object.class, Object.class))
        .isEqualTo(Map.of("stepId", "hello"));
  }
}
