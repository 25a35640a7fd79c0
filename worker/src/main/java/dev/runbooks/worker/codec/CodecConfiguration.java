package dev.runbooks.worker.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The data converter of the worker's Temporal client: Temporal's default JSON conversion, wrapped
 * in {@link AesGcmPayloadCodec} when {@code runbook.codec.active-key} is set. The worker and the
 * HTTP API share the client, so both read what the other wrote.
 */
@Configuration(proxyBeanMethods = false)
public class CodecConfiguration {
  private static final Logger log = LoggerFactory.getLogger(CodecConfiguration.class);

  @Bean
  DataConverter runbookDataConverter(CodecProperties properties) {
    if (!properties.enabled()) {
      log.info("payload encryption is off (set runbook.codec.active-key and runbook.codec.keys)");
      return DefaultDataConverter.newDefaultInstance();
    }
    AesGcmPayloadCodec codec = properties.codec();
    log.info(
        "payloads in Temporal are encrypted with AES-256-GCM, active key '{}'",
        properties.activeKey());
    return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec));
  }
}
