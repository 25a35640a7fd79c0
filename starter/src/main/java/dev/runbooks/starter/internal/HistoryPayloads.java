package dev.runbooks.starter.internal;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites every payload of a Temporal message (a history, an event) from the application's data
 * converter (which may encrypt, see the worker's {@code AesGcmPayloadCodec}) to Temporal's plain
 * default JSON, so that a client without the keys can read a run's history. A payload the converter
 * cannot read is left as it is.
 */
final class HistoryPayloads {
  private final DataConverter from;
  private final DataConverter to = DefaultDataConverter.STANDARD_INSTANCE;

  HistoryPayloads(DataConverter from) {
    this.from = from;
  }

  /** The message with its payloads, at any depth, decoded. */
  @SuppressWarnings("unchecked")
  <T extends Message> T decode(T message) {
    return (T) walk(message);
  }

  private Message walk(Message message) {
    if (message instanceof Payload payload) {
      return plain(payload);
    }
    Message.Builder builder = null;
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      FieldDescriptor descriptor = field.getKey();
      if (descriptor.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      Object value = field.getValue();
      Object decoded;
      if (descriptor.isRepeated()) {
        List<Object> items = new ArrayList<>();
        boolean changed = false;
        for (Object item : (List<?>) value) {
          Message walked = walk((Message) item);
          changed |= walked != item;
          items.add(walked);
        }
        decoded = changed ? items : value;
      } else {
        decoded = walk((Message) value);
      }
      if (decoded != value) {
        if (builder == null) {
          builder = message.toBuilder();
        }
        builder.setField(descriptor, decoded);
      }
    }
    return builder == null ? message : builder.build();
  }

  private Message plain(Payload payload) {
    try {
      Object value = from.fromPayload(payload, Object.class, Object.class);
      return to.toPayload(value).orElse(payload);
    } catch (RuntimeException e) {
      return payload; // not ours to read (another codec, another encoding): left as stored
    }
  }
}
