package dev.runbooks.activities.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a cap. Once the cap is reached the rest is not read: the subscription
 * is cancelled, which closes the connection.
 *
 * @param bytes at most the cap's worth of bytes
 * @param truncated whether the body was longer than the cap
 */
record CappedBody(byte[] bytes, boolean truncated) {
  /** A body handler that keeps at most {@code cap} bytes. */
  static HttpResponse.BodyHandler<CappedBody> handler(int cap) {
    return info -> new Subscriber(cap);
  }

  private static final class Subscriber implements HttpResponse.BodySubscriber<CappedBody> {
    private final int cap;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<CappedBody> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Subscriber(int cap) {
      this.cap = cap;
    }

    @Override
    public CompletionStage<CappedBody> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        int room = cap - out.size();
        int n = Math.min(room, buffer.remaining());
        byte[] chunk = new byte[n];
        buffer.get(chunk);
        out.write(chunk, 0, n);
        if (buffer.hasRemaining()) {
          body.complete(new CappedBody(out.toByteArray(), true));
          subscription.cancel();
          return;
        }
      }
    }

    @Override
    public void onError(Throwable throwable) {
      body.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      body.complete(new CappedBody(out.toByteArray(), false));
    }
  }
}
